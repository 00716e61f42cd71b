#!/usr/bin/python3
"""The web console in a real browser (headless Chromium through chromedriver), as an office
worker uses it: open the console with its one-time link; write an urgent announcement with a
mistake (no end time), see the error at the field and nothing written; fix it and save; see it in
the list as text (its <script> title runs nothing); publish; then a real kiosk process syncs over
loopback from the console's kiosk port, installs the version published and shows the notice.

usage: console_browser_test.py LINLI_ADMIN LINLI_KIOSK
"""
import json
import os
import random
import re
import struct
import subprocess
import sys
import tempfile
import time
import urllib.request
import zlib

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.file_detector import UselessFileDetector
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

admin, kiosk = sys.argv[1], sys.argv[2]
failures = 0


def check(name, ok, detail=""):
    global failures
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else ": " + detail), flush=True)
    failures += 0 if ok else 1


env = dict(os.environ, LANG="C.UTF-8", LINLI_NOW="1795572030", TZ="Asia/Shanghai")  # 2026-11-25 10:00:30
work = tempfile.mkdtemp(prefix="linli-console-browser-")
ws = os.path.join(work, "ws")
subprocess.run([admin, "init", ws], env=env, check=True, stdout=subprocess.DEVNULL)

console, log = None, os.path.join(work, "console.log")
for attempt in range(5):
    port = random.randint(20000, 40000)
    kport = port + 1
    console = subprocess.Popen([admin, "console", ws, "--port", str(port), "--kiosk-port", str(kport), "--no-browser"],
                               env=env, stdout=open(log, "w"), stderr=subprocess.STDOUT)
    for _ in range(50):
        if "console: open the link" in open(log).read() or console.poll() is not None:
            break
        time.sleep(0.1)
    if console.poll() is None:
        break
url = re.search(r"^console: (http://127\.0\.0\.1:\d+/login\?token=\w+)$", open(log).read(), re.M).group(1)

options = webdriver.ChromeOptions()
for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000", "--lang=zh-CN"]:
    options.add_argument(arg)
downloads = os.path.join(work, "downloads")
os.makedirs(downloads)
options.add_experimental_option("prefs", {"download.default_directory": downloads, "download.prompt_for_download": False})
# chromedriver started here on 127.0.0.1 and spoken to there: Selenium's own start-up asks for
# "localhost", which a minimal root without /etc/hosts cannot resolve.
import socket
with socket.socket() as probe:
    probe.bind(("127.0.0.1", 0))
    driver_port = probe.getsockname()[1]
chromedriver = subprocess.Popen(["chromedriver", "--port=%d" % driver_port], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
for _ in range(100):
    try:
        socket.create_connection(("127.0.0.1", driver_port), timeout=1).close()
        break
    except OSError:
        time.sleep(0.1)
try:
    driver = webdriver.Remote(command_executor="http://127.0.0.1:%d" % driver_port, options=options)
except Exception:
    chromedriver.terminate()
    raise
# The browser runs on this machine: a file input takes the path as it is (no upload to a grid).
driver.file_detector = UselessFileDetector()
wait = WebDriverWait(driver, 10)


def click(by, what):
    """Clicks as a person would, with the element scrolled to the middle of the window first (a page
    scrolled to an error must not leave a link under another element)."""
    element = driver.find_element(by, what)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


try:
    driver.get(url)
    wait.until(EC.text_to_be_present_in_element((By.ID, "check"), "内容检查"))
    check("login: the link opens the console's 概览", "内容检查通过" in driver.find_element(By.ID, "check").text,
          driver.find_element(By.TAG_NAME, "body").text[:300])
    check("login: the token is gone from the address", "token" not in driver.current_url, driver.current_url)

    click(By.LINK_TEXT, "内容")
    wait.until(EC.visibility_of_element_located((By.ID, "announcement-rows")))
    before = sorted(os.listdir(os.path.join(ws, "content", "announcements")))
    click(By.LINK_TEXT, "写新公告")
    wait.until(EC.visibility_of_element_located((By.ID, "editor-form")))
    title = "<script>alert('xss')</script>2号楼电梯停运"
    driver.find_element(By.ID, "f-title").send_keys(title)
    driver.find_element(By.ID, "f-category").send_keys("紧急通知")
    driver.find_element(By.ID, "f-publish").send_keys("2026-11-25T08:00")
    click(By.ID, "f-urgent")
    picture = os.path.join(work, "lift notice.png")
    raw = b"".join(b"\x00" + bytes([20, 80, 160] * 8) for _ in range(6))
    chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    open(picture, "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 6, 8, 2, 0, 0, 0)) +
                              chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    driver.find_element(By.ID, "x-images-file").send_keys(picture)
    click(By.ID, "x-images-upload")
    wait.until(EC.text_to_be_present_in_element_value((By.ID, "x-images"), "media/lift-notice.png"))
    driver.find_element(By.ID, "f-body").send_keys("2号楼电梯年检，")
    click(By.CSS_SELECTOR, '.toolbar button[data-md="bold"]')
    click(By.ID, "save")
    error = wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, '.field[data-field="urgent"] .field-error')))
    check("mistake: the error stands at the field, with FILE:LINE", re.search(r"announcements/notice-\d+-1\.md:\d+", error.text)
          and "expire" in error.text, error.text)
    check("mistake: nothing is written", sorted(os.listdir(os.path.join(ws, "content", "announcements"))) == before)

    driver.find_element(By.ID, "f-expire").send_keys("2026-11-27T18:00")
    click(By.ID, "save")
    wait.until(EC.text_to_be_present_in_element((By.ID, "saved"), "已保存"))
    added = [f for f in os.listdir(os.path.join(ws, "content", "announcements")) if f not in before]
    check("fixed: one new file", len(added) == 1, str(added))
    text = open(os.path.join(ws, "content", "announcements", added[0]), encoding="utf-8").read() if added else ""
    check("fixed: the picture uploaded into media/ and listed", 'images = ["media/lift-notice.png"]' in text and
          os.path.exists(os.path.join(ws, "content", "media", "lift-notice.png")), text)
    check("fixed: the file an administrator would write", "urgent = true\n" in text and
          "expire = 2026-11-27T18:00:00\n" in text and "**粗体文字**" in text, text)
    errors = driver.find_elements(By.CSS_SELECTOR, ".field-error")
    check("fixed: the error is gone", not [e for e in errors if e.is_displayed()])
    check_result = subprocess.run([admin, "check", os.path.join(ws, "content")], env=env, capture_output=True, text=True)
    check("fixed: linli-admin check agrees", check_result.returncode == 0, check_result.stderr)

    click(By.LINK_TEXT, "返回公告列表")
    wait.until(EC.text_to_be_present_in_element((By.ID, "announcement-rows"), "2号楼电梯停运"))
    rows = driver.find_element(By.ID, "announcement-rows").text
    check("list: the title is shown as text", title in rows, rows[:300])
    check("list: no script ran", driver.execute_script("return document.querySelectorAll('#announcement-rows script').length") == 0)

    # 会议: minutes with their decisions, one a line, as the kiosk will list them.
    click(By.LINK_TEXT, "会议")
    wait.until(EC.text_to_be_present_in_element((By.ID, "list-title"), "会议"))
    meetings_before = set(os.listdir(os.path.join(ws, "content", "meetings")))
    click(By.LINK_TEXT, "新建会议")
    wait.until(EC.visibility_of_element_located((By.ID, "x-decisions")))
    driver.find_element(By.ID, "f-title").send_keys("12月例会")
    driver.find_element(By.ID, "x-date").send_keys("2026-12-09T19:30")
    driver.find_element(By.ID, "x-location").send_keys("社区活动室")
    driver.find_element(By.ID, "x-kind").send_keys("regular")
    driver.find_element(By.ID, "x-decisions").send_keys("通过2027年度预算\n冬季供暖巡查由安全组负责")
    click(By.ID, "save")
    wait.until(EC.text_to_be_present_in_element((By.ID, "saved"), "已保存"))
    new_meeting = sorted(set(os.listdir(os.path.join(ws, "content", "meetings"))) - meetings_before)
    minutes = open(os.path.join(ws, "content", "meetings", new_meeting[0]), encoding="utf-8").read() if new_meeting else ""
    check("meetings: the minutes written with their decisions", 'decisions = ["通过2027年度预算", "冬季供暖巡查由安全组负责"]' in minutes
          and "date = 2026-12-09T19:30:00" in minutes, minutes)

    # 工作进展: a task's progress typed wrong, refused by line; then right, saved.
    click(By.LINK_TEXT, "工作进展")
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#sheet-tasks input")))
    tasks_path = os.path.join(ws, "content", "progress", "tasks.csv")
    tasks_before = open(tasks_path, "rb").read()
    first = driver.find_elements(By.CSS_SELECTOR, "#sheet-tasks tr")[2].find_elements(By.TAG_NAME, "input")
    first[5].clear()
    first[5].send_keys("一百")
    click(By.ID, "save-tasks")
    wait.until(EC.text_to_be_present_in_element((By.ID, "status-tasks"), "没有保存"))
    check("progress: a wrong progress is named by its line, and nothing changes",
          "progress/tasks.csv:3" in driver.find_element(By.ID, "status-tasks").text and open(tasks_path, "rb").read() == tasks_before,
          driver.find_element(By.ID, "status-tasks").text)
    first[5].clear()
    first[5].send_keys("50")
    first[4].clear()
    first[4].send_keys("doing")
    click(By.ID, "save-tasks")
    wait.until(EC.text_to_be_present_in_element((By.ID, "status-tasks"), "已保存"))
    rows = open(tasks_path, encoding="utf-8").read().splitlines()
    before_rows = tasks_before.decode("utf-8").splitlines()
    check("progress: the task saved as doing, 50, the other rows as they were",
          ",doing,50," in rows[2] and rows[:2] == before_rows[:2] and rows[3:] == before_rows[3:], "\n".join(rows[:4]))

    # 招募: a position added to the recruitment notice, its count typed in words, then as a number.
    click(By.LINK_TEXT, "招募")
    wait.until(EC.text_to_be_present_in_element((By.ID, "list-title"), "招募"))
    click(By.CSS_SELECTOR, "#announcement-rows a")
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#x-positions input")))
    recruitment_path = os.path.join(ws, "content", "recruitment", "environment-group.md")
    recruitment_before = open(recruitment_path, "rb").read()
    click(By.ID, "x-positions-add")
    cells = driver.find_elements(By.CSS_SELECTOR, "#x-positions tr")[-1].find_elements(By.TAG_NAME, "input")
    cells[0].send_keys("绿化养护员")
    cells[1].send_keys("三")
    click(By.ID, "save")
    error = wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, '.field[data-field="positions"] .field-error')))
    check("recruitment: a count in words stands at the positions table, with FILE:LINE",
          "recruitment/environment-group.md:9" in error.text and open(recruitment_path, "rb").read() == recruitment_before, error.text)
    cells[1].clear()
    cells[1].send_keys("3")
    click(By.ID, "save")
    wait.until(EC.text_to_be_present_in_element((By.ID, "saved"), "已保存"))
    recruitment = open(recruitment_path, encoding="utf-8").read()
    check("recruitment: the new position saved a row a line, the rest as written",
          '  { name = "绿化养护员", count = 3 },\n]\nrequirements = [\n  "居住在幸福里社区",' in recruitment, recruitment[:600])

    # 投票设置: the election's first candidate gets a photo and a biography; a new motion whose
    # period is typed back to front, then picked with the date and time pickers.
    click(By.LINK_TEXT, "投票")
    wait.until(EC.text_to_be_present_in_element((By.ID, "ballot-rows"), "环境组组长选举"))
    for row in driver.find_elements(By.CSS_SELECTOR, "#ballot-rows tr"):
        if "环境组组长选举" in row.text:
            row.find_element(By.LINK_TEXT, "设置").click()
            break
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#b-choices-table input")))
    candidate = driver.find_elements(By.CSS_SELECTOR, "#b-choices-table tr")[1]
    check("ballot settings: the election's choices in the form", candidate.find_element(By.NAME, "name").get_attribute("value") == "王芳")
    photo = os.path.join(work, "Wang Fang.png")
    open(photo, "wb").write(open(picture, "rb").read())
    candidate.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(photo)
    wait.until(lambda d: candidate.find_element(By.NAME, "photo").get_attribute("value") == "media/wang-fang.png")
    candidate.find_element(By.NAME, "bio").send_keys("退休教师，在小区居住二十年。")
    click(By.ID, "ballot-save")
    wait.until(EC.text_to_be_present_in_element((By.ID, "ballot-saved"), "已保存"))
    election = open(os.path.join(ws, "content", "ballots", "environment-leader.toml"), encoding="utf-8").read()
    check("ballot settings: the photo and biography as a [[candidates]] table, the options line as it was",
          'options = ["王芳", "赵强", "周敏"]\n' in election and election.endswith(
              '\n[[candidates]]\nname = "王芳"\nphoto = "media/wang-fang.png"\nbio = "退休教师，在小区居住二十年。"\n'), election)

    click(By.LINK_TEXT, "返回投票列表")
    click(By.ID, "new-ballot")
    wait.until(EC.visibility_of_element_located((By.ID, "b-title")))
    ballots_before = set(os.listdir(os.path.join(ws, "content", "ballots")))
    driver.find_element(By.ID, "b-title").send_keys("《停车管理规定》表决")
    driver.find_element(By.ID, "b-kind").send_keys("表决")
    check("ballot settings: a motion shows its pass rule, not choices",
          driver.find_element(By.ID, "b-threshold").is_displayed() and not driver.find_element(By.ID, "b-choices").is_displayed())
    driver.find_element(By.ID, "b-opens").send_keys("2027-01-15")
    driver.find_element(By.ID, "b-closes").send_keys("2027-01-05")
    driver.find_element(By.ID, "b-threshold").send_keys(">1/2")
    click(By.ID, "ballot-save")
    error = wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, '#ballot-form .field[data-field="closes"] .field-error')))
    check("ballot settings: closes before opens stands at closes, nothing written",
          "closes" in error.text and set(os.listdir(os.path.join(ws, "content", "ballots"))) == ballots_before, error.text)
    # The pickers beside closes, set as a person picking a day and a time does (a change event each).
    pickers = driver.find_elements(By.CSS_SELECTOR, '.field[data-field="closes"] .picker input')
    for element, value in zip(pickers, ["2027-01-25", "20:00"]):
        driver.execute_script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'))", element, value)
    check("ballot settings: the pickers write the time field",
          driver.find_element(By.ID, "b-closes").get_attribute("value") == "2027-01-25T20:00",
          driver.find_element(By.ID, "b-closes").get_attribute("value"))
    click(By.ID, "ballot-save")
    wait.until(EC.text_to_be_present_in_element((By.ID, "ballot-saved"), "已保存"))
    new_ballots = sorted(set(os.listdir(os.path.join(ws, "content", "ballots"))) - ballots_before)
    motion_id = new_ballots[0][:-len(".toml")] if new_ballots else "none"
    motion = open(os.path.join(ws, "content", "ballots", motion_id + ".toml"), encoding="utf-8").read() if new_ballots else ""
    check("ballot settings: the new motion as an administrator would write it",
          motion == 'title = "《停车管理规定》表决"\nkind = "motion"\nopens = 2027-01-15\ncloses = 2027-01-25T20:00:00\ncodes = "required"\nthreshold = ">1/2"\n', motion)
    check_result = subprocess.run([admin, "check", os.path.join(ws, "content")], env=env, capture_output=True, text=True)
    check("ballot settings: linli-admin check agrees", check_result.returncode == 0, check_result.stderr)

    click(By.LINK_TEXT, "发布")
    click(By.ID, "publish-button")
    result = wait.until(EC.text_to_be_present_in_element((By.ID, "publish-result"), "已发布第"))
    published = driver.find_element(By.ID, "publish-result").text
    version = re.search(r"已发布第 (\d+) 版", published).group(1)
    check("publish: a version", bool(version), published)
    actions = open(os.path.join(ws, "actions.log"), encoding="utf-8").read()
    check("action log: what was saved and published, from where", "127.0.0.1 session 1: created announcements/" in actions
          and "published version " + version in actions, actions)

    # A real kiosk, trusting the workspace's keys, syncs from the console's kiosk port.
    kdir = os.path.join(work, "kiosk")
    os.makedirs(kdir)
    with open(os.path.join(kdir, "kiosk.toml"), "w") as f:
        f.write('[kiosk]\nid = "lobby-1"\nname = "1号楼大厅"\n[trust]\nadmin_keys = ["%s/keys/sign.pub"]\n'
                'seal_key = "%s/keys/seal.pub"\n[sync]\nlan_url = "http://127.0.0.1:%d/"\n' % (ws, ws, kport))
    kenv = dict(env, SDL_VIDEODRIVER="offscreen")
    base = [kiosk, "--config", os.path.join(kdir, "kiosk.toml"), "--data-dir", os.path.join(kdir, "data")]
    imported = subprocess.run(base + ["--import", "http://127.0.0.1:%d/" % kport], env=kenv, capture_output=True, text=True)
    check("kiosk: installs the published bundle over the LAN", imported.returncode == 0, imported.stderr)
    status = json.loads(subprocess.run(base + ["--status"], env=kenv, capture_output=True, text=True).stdout)
    check("kiosk: --status shows the version published", status.get("content_version") == version, str(status)[:300])
    check("kiosk: --status counts the new urgent notice", status["counts"]["urgent"] == 2, str(status["counts"]))
    script = os.path.join(kdir, "shows.ui")
    with open(script, "w") as f:
        f.write('expect "2号楼电梯停运"\nscreenshot %s/home.png\ntap "公告"\nexpect "<script>alert(\'xss\')</script>2号楼电梯停运"\n' % kdir)
    shown = subprocess.run(base + ["--script", script, "--screen", "home"], env=kenv, capture_output=True, text=True)
    check("kiosk: the urgent banner and the list show the notice, as text", shown.returncode == 0, shown.stderr)
    check("kiosk: a screenshot of it", os.path.getsize(os.path.join(kdir, "home.png")) > 10000)
    with open(os.path.join(kdir, "ballots.ui"), "w") as f:
        f.write('tap "环境组组长选举"\ndrag 960 800 960 250 300\nexpect "退休教师，在小区居住二十年。"\n')
    shown = subprocess.run(base + ["--script", os.path.join(kdir, "ballots.ui"), "--screen", "ballots"], env=kenv,
                           capture_output=True, text=True)
    check("kiosk: the candidate's biography on the election's page", shown.returncode == 0, shown.stderr)
    with open(os.path.join(kdir, "motion.ui"), "w") as f:
        f.write('expect "《停车管理规定》表决"\nexpect "未开始"\n')
    shown = subprocess.run(base + ["--script", os.path.join(kdir, "motion.ui"), "--screen", "ballot:" + motion_id], env=kenv,
                           capture_output=True, text=True)
    check("kiosk: the new motion's page", shown.returncode == 0, shown.stderr)

    click(By.LINK_TEXT, "概览")
    wait.until(EC.text_to_be_present_in_element((By.ID, "bundle"), "已发布第 " + version + " 版"))
    check("overview: the version published", True)

    # 预览: the kiosk's own drawing of the workspace's content.
    click(By.LINK_TEXT, "预览")
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#preview-announcements option")))
    driver.find_element(By.ID, "preview-size").send_keys("竖屏")
    click(By.ID, "preview-button")
    wait.until(EC.visibility_of_element_located((By.ID, "preview-image")))
    wait.until(lambda d: d.execute_script("return document.getElementById('preview-image').naturalWidth") > 0)
    size = driver.execute_script("const i = document.getElementById('preview-image'); return [i.naturalWidth, i.naturalHeight]")
    check("preview: the upright screen drawn by linli-kiosk", size == [1080, 1920], str(size))

    # 收集: a resident's message written on the kiosk, uploaded to the inbox as the kiosk does,
    # opened with the workspace's key.
    with open(os.path.join(kdir, "write.ui"), "w") as f:
        f.write('tap "意见箱"\ntap "写意见"\ntap "其他"\ntype "dianti"\ntap "电梯"\ntap "提交"\ntap "确认提交"\nexpect "已收到"\n')
    wrote = subprocess.run(base + ["--script", os.path.join(kdir, "write.ui")], env=kenv, capture_output=True, text=True)
    check("kiosk: a resident's message", wrote.returncode == 0, wrote.stderr)
    exports = os.path.join(kdir, "exports")
    os.makedirs(exports)
    subprocess.run(base + ["--export", exports], env=kenv, check=True, capture_output=True)
    for name in os.listdir(exports):
        request = urllib.request.Request("http://127.0.0.1:%d/inbox/%s" % (kport, name),
                                         data=open(os.path.join(exports, name), "rb").read(), method="PUT")
        check("kiosk: the export uploaded to the console's inbox", urllib.request.urlopen(request).status == 201)
    click(By.LINK_TEXT, "收集")
    click(By.ID, "collect-button")
    wait.until(EC.text_to_be_present_in_element((By.ID, "collect-result"), "收集了 1 份数据"))
    report = driver.find_element(By.ID, "collect-result").text
    check("collect: the report shows the message's record", "1" in report and "lobby-1" in report, report[:400])
    folders = os.listdir(os.path.join(ws, "results"))
    feedback = open(os.path.join(ws, "results", folders[0], "feedback.txt"), encoding="utf-8").read() if folders else ""
    check("collect: the message opened with the workspace's key", "电梯" in feedback, feedback[:300])

    # 意见: the message with its receipt code; a reply written, published, read at the kiosk.
    click(By.LINK_TEXT, "意见")
    wait.until(EC.text_to_be_present_in_element((By.ID, "feedback-rows"), "电梯"))
    row = driver.find_element(By.CSS_SELECTOR, "#feedback-rows tr")
    code = row.find_elements(By.TAG_NAME, "td")[6].text
    check("feedback: the message and its receipt code", re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}", code) is not None, row.text)
    row.find_element(By.TAG_NAME, "button").click()
    driver.find_element(By.ID, "r-reply").send_keys("电梯已于本周修好，谢谢您的提醒。")
    click(By.ID, "reply-save")
    wait.until(EC.text_to_be_present_in_element((By.ID, "feedback-status"), "回复已写入"))
    replies = open(os.path.join(ws, "content", "feedback", "replies.toml"), encoding="utf-8").read()
    check("feedback: the reply is in replies.toml under its code", ('code = "%s"' % code) in replies and
          "电梯已于本周修好" in replies, replies[-300:])
    click(By.LINK_TEXT, "发布")
    click(By.ID, "publish-button")
    wait.until(EC.text_to_be_present_in_element((By.ID, "publish-result"), "已发布第"))
    imported = subprocess.run(base + ["--import", "http://127.0.0.1:%d/" % kport], env=kenv, capture_output=True, text=True)
    check("kiosk: installs the bundle with the reply", imported.returncode == 0, imported.stderr)
    with open(os.path.join(kdir, "reply.ui"), "w") as f:
        f.write('type "%s"\ntap "确认"\nexpect "电梯已于本周修好"\n' % code.replace("-", ""))
    shown = subprocess.run(base + ["--script", os.path.join(kdir, "reply.ui"), "--screen", "reply"], env=kenv,
                           capture_output=True, text=True)
    check("kiosk: the resident reads the reply with the receipt code", shown.returncode == 0, shown.stderr)

    # 投票: codes for the election at this kiosk, the slips downloaded once, nothing kept.
    click(By.LINK_TEXT, "投票")
    wait.until(EC.text_to_be_present_in_element((By.ID, "ballot-rows"), "环境组组长选举"))
    driver.find_element(By.ID, "codes-ballot").send_keys("环境组组长选举")
    driver.find_element(By.ID, "codes-kiosk").send_keys("lobby-1")
    count = driver.find_element(By.ID, "codes-count")
    count.clear()
    count.send_keys("3")
    slips_before = [d for d in os.listdir(tempfile.gettempdir()) if d.startswith("linli-slips-")]
    click(By.ID, "codes-button")
    wait.until(EC.text_to_be_present_in_element((By.ID, "codes-status"), "已生成 3 个投票码"))
    pdf = os.path.join(downloads, "slips-environment-leader-lobby-1.pdf")
    for _ in range(50):
        if os.path.exists(pdf): break
        time.sleep(0.1)
    text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout if os.path.exists(pdf) else ""
    slips = re.findall(r"\b[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}\b", text)
    check("ballots: the slips PDF holds the 3 codes", len(set(slips)) == 3, text[:300])
    check("ballots: their hashes are in content/codes/", os.path.exists(os.path.join(ws, "content", "codes", "environment-leader", "lobby-1.toml")))
    check("ballots: no copy of the slips left on the office PC",
          [d for d in os.listdir(tempfile.gettempdir()) if d.startswith("linli-slips-")] == slips_before)
    wait.until(EC.text_to_be_present_in_element((By.ID, "ballot-rows"), "lobby-1：3 个"))
    check("ballots: the codes issued per kiosk", True)

    # 概览: the kiosk reported itself with its polls (signed): the version it had when it asked.
    click(By.LINK_TEXT, "概览")
    wait.until(EC.text_to_be_present_in_element((By.ID, "kiosk-rows"), "lobby-1"))
    row = driver.find_element(By.ID, "kiosk-rows").text
    check("overview: the kiosk, its name and the version it showed", "1号楼大厅" in row and ("第 %s 版" % version) in row
          and "旧版本" in row and "127.0.0.1" in row, row)
    # 财务: the ledger as WPS saves it in GBK; one with a mistake first, which changes nothing.
    ledger_path = os.path.join(ws, "content", "finance", "ledger.csv")
    ledger = open(ledger_path, "rb").read().decode("utf-8-sig")
    before = open(ledger_path, "rb").read()
    broken = os.path.join(work, "broken.csv")
    open(broken, "wb").write((ledger + "2026-11-20,支出,办公费用,打印纸,十二元,\r\n").encode("gbk"))
    click(By.LINK_TEXT, "财务")
    wait.until(EC.text_to_be_present_in_element((By.ID, "finance-check"), "检查通过"))
    driver.find_element(By.ID, "ledger-file").send_keys(broken)
    click(By.ID, "ledger-button")
    wait.until(EC.text_to_be_present_in_element((By.ID, "ledger-status"), "没有替换"))
    status = driver.find_element(By.ID, "ledger-status").text
    check("finance: a mistake in an upload is named by line", re.search(r"finance/ledger\.csv:\d+", status) is not None, status)
    check("finance: and the ledger stays as it was", open(ledger_path, "rb").read() == before)
    gbk = os.path.join(work, "ledger-gbk.csv")
    open(gbk, "wb").write((ledger + "2026-11-20,支出,办公费用,打印纸,12.00,PZ-9999\r\n").encode("gbk"))
    driver.find_element(By.ID, "ledger-file").send_keys(gbk)
    click(By.ID, "ledger-button")
    wait.until(EC.text_to_be_present_in_element((By.ID, "ledger-status"), "已替换"))
    check("finance: the GBK ledger replaces the old one, byte for byte", open(ledger_path, "rb").read() == open(gbk, "rb").read())
    wait.until(EC.text_to_be_present_in_element((By.ID, "statement"), "期末余额"))
    check("finance: the statement and the months", "¥" in driver.find_element(By.ID, "statement").text and
          "2026-11" in driver.find_element(By.ID, "months").text, driver.find_element(By.ID, "months").text[:200])

    # 投票 results: a resident answers the open survey at the kiosk; collected, the count is shown
    # and put into content/results/ for the next publish.
    with open(os.path.join(kdir, "survey.ui"), "w") as f:
        f.write('tap "开始投票"\ntap "健康讲座"\ntap "下一步"\ntap "周末"\ntap "下一步"\ntap "确认投票"\nexpect "投票成功"\n')
    voted = subprocess.run(base + ["--script", os.path.join(kdir, "survey.ui"), "--screen", "ballot:activity-survey"], env=kenv,
                           capture_output=True, text=True)
    check("kiosk: a resident answers the survey", voted.returncode == 0, voted.stderr)
    exports2 = os.path.join(kdir, "exports2")
    os.makedirs(exports2)
    # Ballots leave the kiosk only once the ballot has closed (their order must not tell who voted):
    # the export is made on 2 January 2027, after the survey's close.
    subprocess.run(base + ["--export", exports2], env=dict(kenv, LINLI_NOW="1798851600"), check=True, capture_output=True)
    for name in os.listdir(exports2):
        request = urllib.request.Request("http://127.0.0.1:%d/inbox/%s" % (kport, name),
                                         data=open(os.path.join(exports2, name), "rb").read(), method="PUT")
        urllib.request.urlopen(request)
    click(By.LINK_TEXT, "收集")
    click(By.ID, "collect-button")
    wait.until(EC.text_to_be_present_in_element((By.ID, "collect-result"), "收集了 2 份数据"))
    click(By.LINK_TEXT, "投票")
    wait.until(EC.text_to_be_present_in_element((By.ID, "ballot-rows"), "1 票"))
    for row in driver.find_elements(By.CSS_SELECTOR, "#ballot-rows tr"):
        if "2027年社区活动意向调查" in row.text:
            row.find_element(By.TAG_NAME, "button").click()
    wait.until(EC.visibility_of_element_located((By.ID, "result-panel")))
    panel = driver.find_element(By.ID, "result-panel").text
    check("ballots: the survey's count, question by question", "健康讲座" in panel and "共 1 张有效选票" in panel, panel[:300])
    click(By.ID, "result-publish")
    wait.until(EC.text_to_be_present_in_element((By.ID, "result-status"), "已写入"))
    check("ballots: the result in content/results/, and check agrees",
          os.path.exists(os.path.join(ws, "content", "results", "activity-survey.toml")) and
          subprocess.run([admin, "check", os.path.join(ws, "content")], env=env, capture_output=True).returncode == 0)

    # A kiosk that never polls (USB only) is known by the export it wrote once that is in the inbox.
    k2 = os.path.join(work, "kiosk2")
    os.makedirs(os.path.join(k2, "exports"))
    with open(os.path.join(k2, "kiosk.toml"), "w") as f:
        f.write('[kiosk]\nid = "garage-1"\nname = "地库入口"\n[trust]\nadmin_keys = ["%s/keys/sign.pub"]\n'
                'seal_key = "%s/keys/seal.pub"\n' % (ws, ws))
    subprocess.run([kiosk, "--config", os.path.join(k2, "kiosk.toml"), "--data-dir", os.path.join(k2, "data"), "--export",
                    os.path.join(k2, "exports")], env=kenv, check=True, capture_output=True)
    for name in os.listdir(os.path.join(k2, "exports")):
        with open(os.path.join(k2, "exports", name), "rb") as src, open(os.path.join(ws, "inbox", name), "wb") as dst:
            dst.write(src.read())
    click(By.LINK_TEXT, "概览")
    wait.until(EC.text_to_be_present_in_element((By.ID, "kiosk-rows"), "garage-1"))
    rows = {r.find_element(By.TAG_NAME, "strong").text: r.text for r in driver.find_elements(By.CSS_SELECTOR, "#kiosk-rows tr")}
    check("overview: a kiosk known only by its export, said so", "未通过局域网联系" in rows.get("garage-1", "") and
          "最近一份数据：第 1 份" in rows.get("garage-1", ""), str(rows))
    check("overview: a polling kiosk shows its newest export too", "最近一份数据：第 2 份" in rows.get("lobby-1", ""), str(rows))

    # English, the second language: the page's words, the script's and the check's, then back.
    click(By.ID, "language")
    wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, ".top nav"), "Overview"))
    driver.get(driver.current_url.split("#")[0] + "#/ballots/new")
    wait.until(EC.text_to_be_present_in_element((By.ID, "ballot-editor-title"), "New ballot"))
    driver.find_element(By.ID, "b-opens").send_keys("2027-01-15")
    driver.find_element(By.ID, "b-closes").send_keys("2027-01-05")
    click(By.ID, "ballot-save")
    error = wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, '#ballot-form .field[data-field="closes"] .field-error')))
    page = driver.find_element(By.TAG_NAME, "body").text
    check("English: the form, its status and the check's words",
          "closes must be after opens" in error.text and "Not saved" in page and "Choices per ballot" not in page
          and "Candidates or options" in page and not re.search(r"[\u4e00-\u9fff]", driver.find_element(By.ID, "ballot-form").text),
          page[:400])
    click(By.ID, "language")
    wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, ".top nav"), "概览"))
    check("English: 中文 takes the page back", "Overview" not in driver.find_element(By.CSS_SELECTOR, ".top nav").text)

    logs = [e["message"] for e in driver.get_log("browser") if "Content Security Policy" in e["message"]]
    check("no Content-Security-Policy violation on any page", not logs, str(logs))
finally:
    driver.quit()
    chromedriver.terminate()
    chromedriver.wait()
    console.terminate()
    console.wait()
    subprocess.run(["rm", "-rf", work])

print("%d failed" % failures)
sys.exit(1 if failures else 0)
