// The content database's 意见箱 tables: board.toml [feedback] (topics, the online form) and the
// replies bundles carry, public ones in clear and locked ones (no receipt code is ever stored).
#include "store/content_db.hpp"
#include "store/content_writers.hpp"

namespace linli::store {

Status write_feedback(Database& db, const ContentSet& c)
{
    // A written reply carries its receipt code; only locked ones may reach a kiosk's disk.
    if (!c.authored_replies.empty())
        return Error::internal("store: replies must be locked (crypto::lock_replies) before they are stored");
    if (!c.feedback.online_url.empty()) {
        Statement settings = TRY(db.prepare("INSERT INTO feedback_settings (id, online_url) VALUES (1, ?1)"));
        TRY_STATUS(settings.bind(1, c.feedback.online_url));
        TRY(settings.step());
    }
    Statement topic = TRY(db.prepare("INSERT INTO feedback_topic (seq, name) VALUES (?1, ?2)"));
    for (size_t i = 0; i < c.feedback.topics.size(); ++i) {
        TRY_STATUS(topic.bind(1, int64_t(i)));
        TRY_STATUS(topic.bind(2, c.feedback.topics[i]));
        TRY(topic.step());
        topic.reset();
    }
    Statement pub = TRY(db.prepare("INSERT INTO public_reply (seq, topic, message, reply, day_s) VALUES (?1, ?2, ?3, ?4, ?5)"));
    for (size_t i = 0; i < c.public_replies.size(); ++i) {
        const PublicReply& r = c.public_replies[i];
        TRY_STATUS(pub.bind(1, int64_t(i)));
        TRY_STATUS(pub.bind(2, r.topic));
        TRY_STATUS(pub.bind(3, r.message));
        TRY_STATUS(pub.bind(4, r.reply));
        TRY_STATUS(pub.bind(5, r.day_s));
        TRY(pub.step());
        pub.reset();
    }
    Statement locked = TRY(db.prepare("INSERT INTO locked_reply (seq, salt, lookup, box) VALUES (?1, ?2, ?3, ?4)"));
    for (size_t i = 0; i < c.locked_replies.size(); ++i) {
        const LockedReply& r = c.locked_replies[i];
        TRY_STATUS(locked.bind(1, int64_t(i)));
        TRY_STATUS(locked.bind_blob(2, r.salt.data(), r.salt.size()));
        TRY_STATUS(locked.bind_blob(3, r.lookup.data(), r.lookup.size()));
        TRY_STATUS(locked.bind_blob(4, r.box.data(), r.box.size()));
        TRY(locked.step());
        locked.reset();
    }
    return {};
}


Result<FeedbackSettings> feedback_settings(Database& db)
{
    FeedbackSettings out;
    Statement url = TRY(db.prepare("SELECT online_url FROM feedback_settings WHERE id = 1"));
    if (TRY(url.step())) out.online_url = url.column_text(0);
    Statement topics = TRY(db.prepare("SELECT name FROM feedback_topic ORDER BY seq"));
    while (TRY(topics.step())) out.topics.push_back(topics.column_text(0));
    return out;
}

Result<std::vector<PublicReply>> public_replies(Database& db)
{
    Statement s = TRY(db.prepare("SELECT topic, message, reply, day_s FROM public_reply ORDER BY seq"));
    std::vector<PublicReply> out;
    while (TRY(s.step())) out.push_back({s.column_text(0), s.column_text(1), s.column_text(2), s.column_int64(3)});
    return out;
}

Result<std::vector<LockedReply>> locked_replies(Database& db)
{
    Statement s = TRY(db.prepare("SELECT salt, lookup, box FROM locked_reply ORDER BY seq"));
    std::vector<LockedReply> out;
    auto bytes = [&](int column) {
        std::vector<uint8_t> b = s.column_blob(column);
        return std::string(b.begin(), b.end());
    };
    while (TRY(s.step())) out.push_back({bytes(0), bytes(1), bytes(2)});
    return out;
}

}  // namespace linli::store
