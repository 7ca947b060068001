#!/usr/bin/env python3
"""The real window under Xvfb: resident memory and typing echo (README, Speed and memory).

For each window (Newsdesk's release build, and the bare eframe window it is compared with,
`cargo build --release --example bare_window`) this opens an article of WORDS words, puts the
caret at the end of the body, reads VmRSS, types a 200-character burst with
`xdotool type --delay 0`, and reads VmRSS again 0.5 s and 5 s after the burst. The typing
echo is the time from the start of the burst until two consecutive screenshots 100 ms apart
are equal (the screen has caught up with the keys; a difference of a few pixels is the
text cursor blinking, and does not count). Each window runs RUNS times; medians are
printed.

Needs Xvfb, xdotool and xwd (Debian: xvfb xdotool x11-apps). Usage:
    benches/window.py [--words 100000] [--runs 3] [--display :99]
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SENTENCE = (
    "Rutte menjadi pejabat sipil tertinggi NATO saat invasi Rusia ke Ukraina "
    "mendekati hari ke-1.000, kata para pejabat di Brussels."
)
BURST = ("kata baru di akhir berita " * 8)[:200]
# Seconds between screenshots: two equal ones this far apart end the echo.
INTERVAL = 0.1
TRACE = False


def body(words):
    per = len(SENTENCE.split())
    paragraphs = []
    for _ in range(max(1, words // 100)):
        paragraphs.append(" ".join([SENTENCE] * (100 // per + 1)))
    return "\n\n".join(paragraphs)


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def xdotool(*args, env):
    return subprocess.run(["xdotool", *args], env=env, capture_output=True, text=True)


def wait_window(title, env, timeout=60):
    start = time.time()
    while time.time() - start < timeout:
        out = xdotool("search", "--name", title, env=env).stdout.split()
        if out:
            return out[-1]
        time.sleep(0.1)
    raise RuntimeError(f"no window titled {title!r}")


def shot(env):
    return subprocess.run(["xwd", "-root", "-silent"], env=env, capture_output=True).stdout


# Screens that differ in fewer bytes than this are the same to a reader: the text cursor
# blinks (a 2 px bar), everything else on screen holds still.
BLINK_BYTES = 256


def same(a, b):
    if a is None or b is None or len(a) != len(b):
        return False
    diff = (int.from_bytes(a, "little") ^ int.from_bytes(b, "little")).to_bytes(len(a), "little")
    return len(diff) - diff.count(0) < BLINK_BYTES


def journaled_burst(recovery):
    """Newsdesk journals unsaved edits: the burst must be in the body, at its end."""

    def check():
        texts = []
        for name in os.listdir(recovery) if os.path.isdir(recovery) else []:
            if name.endswith(".ron"):
                with open(os.path.join(recovery, name)) as f:
                    texts.append(f.read())
        if not any(BURST.strip() in t for t in texts):
            print("    warning: the burst is not in the journal: it went elsewhere", file=sys.stderr)

    return check


def measure(cmd, title, click, env, check=None):
    # A fresh data folder each run: a killed run leaves its journal, and the next start
    # would offer to recover it instead of taking the keys.
    for key in ["NEWSDESK_DATA_DIR", "NEWSDESK_RECOVERY_DIR", "XDG_DATA_HOME"]:
        if env[key].startswith(tempfile.gettempdir()):
            shutil.rmtree(env[key], ignore_errors=True)
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wid = wait_window(title, env)
        time.sleep(4)  # first frames, the checks thread, the glyph atlas
        xdotool("windowfocus", "--sync", wid, env=env)
        xdotool("mousemove", "--window", wid, str(click[0]), str(click[1]), "click", "1", env=env)
        time.sleep(0.5)
        xdotool("key", "ctrl+End", env=env)
        time.sleep(3)
        before = rss_mb(proc.pid)
        baseline = shot(env)
        start = time.time()
        typer = subprocess.Popen(["xdotool", "type", "--delay", "0", BURST], env=env)
        previous, echo, changed = None, None, False
        while time.time() - start < 30:
            taken = time.time()
            h = shot(env)
            # The screen must first show the keys (differ from before the burst), then
            # stay still for 100 ms.
            changed |= not same(h, baseline)
            if changed and same(h, previous) and typer.poll() is not None:
                echo = last_taken - start
                break
            if TRACE and not same(h, previous):
                print(f"      screen changed at {(taken - start) * 1000:.0f} ms", file=sys.stderr)
            previous, last_taken = h, taken
            time.sleep(max(0.0, INTERVAL - (time.time() - taken)))
        typer.wait()
        burst_end = time.time()
        samples = {}
        for at in [0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 5.0]:
            time.sleep(max(0.0, at - (time.time() - burst_end)))
            samples[at] = rss_mb(proc.pid)
        if TRACE:
            print("      VmRSS after the burst: " + ", ".join(
                f"{at} s {mb:.1f}" for at, mb in samples.items()), file=sys.stderr)
        half, later = samples[0.5], samples[5.0]
        if check is not None:
            check()
        return before, half, later, echo
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--display", default=":99")
    parser.add_argument("--newsdesk", default=os.path.join(ROOT, "target/release/newsdesk"))
    parser.add_argument(
        "--bare", default=os.path.join(ROOT, "target/release/examples/bare_window")
    )
    parser.add_argument("--only", choices=["newsdesk", "bare"], help="measure one window")
    parser.add_argument("--prefix", default="", help="run the window under this, e.g. heaptrack")
    parser.add_argument("--trace", action="store_true", help="print when the screen changes")
    parser.add_argument("--no-autosave", action="store_true", help="diagnosis: journal nothing")
    parser.add_argument("--interval", type=float, default=0.1)
    args = parser.parse_args()
    global INTERVAL, TRACE
    INTERVAL, TRACE = args.interval, args.trace
    for tool in ["Xvfb", "xdotool", "xwd"]:
        if not shutil.which(tool):
            sys.exit(f"window.py: {tool} is not installed (Debian: xvfb xdotool x11-apps)")

    work = tempfile.mkdtemp(prefix="newsdesk-window-")
    text = body(args.words)
    article = os.path.join(work, "long.md")
    with open(article, "w") as f:
        f.write(f"---\ntitle: Rutte Resmi Pimpin NATO\nlang: id\n---\n\n{text}\n")
    plain = os.path.join(work, "long.txt")
    with open(plain, "w") as f:
        f.write(text)

    env = dict(os.environ, DISPLAY=args.display)
    # The real window journals its edits, as for a user; the folders are throwaway.
    env["NEWSDESK_DATA_DIR"] = os.path.join(work, "data")
    env["NEWSDESK_RECOVERY_DIR"] = os.path.join(work, "recovery")
    env["XDG_CONFIG_HOME"] = os.path.join(work, "config")
    # eframe keeps window and egui state here: none from an earlier run.
    env["XDG_DATA_HOME"] = os.path.join(work, "share")
    if args.no_autosave:
        # A recovery folder that cannot be made turns autosave off (the window says so).
        env["NEWSDESK_RECOVERY_DIR"] = "/dev/null/recovery"
    xvfb = subprocess.Popen(
        ["Xvfb", args.display, "-screen", "0", "1280x800x24"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1)
    try:
        windows = [
            ("Newsdesk", [args.newsdesk, article], "long.md", (200, 560)),
            ("bare eframe window", [args.bare, plain], "Bare window", (300, 400)),
        ]
        print(f"{args.words} words, a {len(BURST)}-character burst, {args.runs} runs each")
        if args.only:
            windows = windows[:1] if args.only == "newsdesk" else windows[1:]
        for name, cmd, title, click in windows:
            cmd = args.prefix.split() + cmd
            check = journaled_burst(env["NEWSDESK_RECOVERY_DIR"]) if name == "Newsdesk" else None
            runs = [measure(cmd, title, click, env, check) for _ in range(args.runs)]
            med = lambda i: statistics.median(r[i] for r in runs if r[i] is not None)
            echoes = [r[3] for r in runs if r[3] is not None]
            echo = f"{statistics.median(echoes) * 1000:.0f} ms" if echoes else "n/a"
            print(
                f"{name}: VmRSS before {med(0):.1f} MB, 0.5 s after {med(1):.1f} MB "
                f"(+{med(1) - med(0):.1f}), 5 s after {med(2):.1f} MB "
                f"(+{med(2) - med(0):.1f}); typing echo {echo}"
            )
            for r in runs:
                print(f"    run: {r[0]:.1f} -> {r[1]:.1f} -> {r[2]:.1f} MB, echo {r[3]}")
    finally:
        xvfb.terminate()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
