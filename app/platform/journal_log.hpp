// Log lines to the systemd journal with structured fields (LINLI_COMPONENT=, LINLI_EVENT=,
// PRIORITY=), so `journalctl -t linli-kiosk LINLI_COMPONENT=sync` finds every sync. Used only
// when stderr really is the journal (systemd's JOURNAL_STREAM names it); otherwise stderr stays.
#pragma once

namespace linli::platform {

// Installs the journal as the log sink when the kiosk runs under systemd with its stderr
// connected to the journal; returns whether it did.
bool log_to_journal_if_connected();

}  // namespace linli::platform
