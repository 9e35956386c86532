#!/usr/bin/python3
"""Drives a real memsched kernel through jupyter_client, as a notebook front end does, and checks what a user sees.

Run by scripts/run-notebooks (needs the "memsched" kernelspec on JUPYTER_PATH, kernel/install --prefix DIR):
    JUPYTER_PATH=target/jupyter/share/jupyter /usr/bin/python3 kernel/check_kernel.py

Checks, each on the same kernel:
  interrupt  a loop of solves is interrupted: the cell ends after the running solve with one short "Interrupted"
             error, no transport error; nothing of it reaches later cells; `1 + 1` then shows only 2
  outputs    pictures are image/svg+xml only, tables plain HTML tables; no text/html output holds <svg
  errors     an exception is an error output, red, whose frames name "cell N, line L"
  magics     %lsmagic lists %maven %jars %classpath; %jars adds a jar whose classes a later cell uses
  inspect    Shift-Tab (inspect_request) on Memsched.plan shows the first sentence of its javadoc
  progress   a long cell shows one progress output that is updated in place (display_id + update_display_data)
No timing is asserted: every wait is generous and only bounds a hang.
"""
import os
import queue
import re
import sys
import tempfile
import zipfile

from jupyter_client.manager import start_new_kernel

WAIT = 300  # seconds: generous bound on any one reply (a loaded 2-core machine)
ANSI = re.compile(r"\x1b\[[0-9;]*m")


class Cell:
    """The messages of one executed cell: replies and IOPub outputs with this cell's parent id."""

    def __init__(self, reply, outputs):
        self.reply = reply
        self.outputs = outputs

    def streams(self):
        return "".join(o["content"]["text"] for o in self.outputs if o["msg_type"] == "stream")

    def of(self, *types):
        return [o for o in self.outputs if o["msg_type"] in types]


def collect(kc, msg_id, until_idle=True):
    """IOPub messages for msg_id until the kernel goes idle for it."""
    out = []
    while True:
        msg = kc.get_iopub_msg(timeout=WAIT)
        if msg["parent_header"].get("msg_id") != msg_id:
            if msg["msg_type"] not in ("status",):
                stray.append(msg)
            continue
        if msg["msg_type"] == "status":
            if msg["content"]["execution_state"] == "idle" and until_idle:
                return out
            continue
        if msg["msg_type"] != "execute_input":
            out.append(msg)


def run(kc, code):
    msg_id = kc.execute(code)
    reply = kc.get_shell_msg(timeout=WAIT)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=WAIT)
    return Cell(reply["content"], collect(kc, msg_id))


def check(cond, what):
    if not cond:
        sys.exit("check_kernel: FAILED: " + what)


stray = []  # IOPub messages that belong to no cell we ran (must stay empty)


def interrupt(km, kc):
    nets = ["darts-cifar", "pnas-cifar", "nasnet-cifar", "amoebanet-cifar", "hrnet-w18-small", "resnet18"]
    code = ("List<String> done = new ArrayList<>();\n"
            "for (String name : List.of(" + ", ".join('"%s"' % n for n in nets) + ")) {\n"
            "    System.out.println(\"running \" + name);\n"
            "    Plan p = Memsched.plan(Memsched.zoo(name)).method(\"ilp\").timeLimit(Duration.ofSeconds(600)).run();\n"
            "    done.add(name + \" \" + p.status());\n"
            "}\n")
    msg_id = kc.execute(code)
    seen = ""
    outputs = []
    while "running" not in seen:  # the loop has started its first solve
        msg = kc.get_iopub_msg(timeout=WAIT)
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream":
            seen += msg["content"]["text"]
            outputs.append(msg)
    started_before = seen.count("running")
    km.interrupt_kernel()
    reply = kc.get_shell_msg(timeout=WAIT)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=WAIT)
    outputs += collect(kc, msg_id)
    cell = Cell(reply["content"], outputs)
    text = cell.streams()
    errors = cell.of("error")
    everything = repr([o["content"] for o in cell.outputs]) + repr(cell.reply)
    check(cell.reply["status"] == "error", "the interrupted cell replies with an error, got " + repr(cell.reply))
    check(len(errors) == 1 and errors[0]["content"]["ename"] == "Interrupted",
          "one 'Interrupted' error output, got " + repr([e["content"] for e in errors]))
    tb = [ANSI.sub("", t) for t in errors[0]["content"]["traceback"]]
    check(len(tb) == 1 and "Interrupted" in tb[0], "the interrupt is one short line, got " + repr(tb))
    check("ZMQ" not in everything and "Errno" not in everything, "no transport error: " + everything[:500])
    ran = text.count("running")
    check(ran <= started_before + 1 and ran < len(nets),
          "the loop ended after the running solve (%d started before the interrupt, %d in all): %r"
          % (started_before, ran, text))
    done = run(kc, "done.size()")
    check(done.reply["status"] == "ok", "the kernel is usable after the interrupt: " + repr(done.reply))
    n = int(done.of("execute_result")[0]["content"]["data"]["text/plain"])
    check(n in (ran - 1, ran), "the solves that returned were kept (%d of %d started)" % (n, ran))
    two = run(kc, "1 + 1")
    check([o["msg_type"] for o in two.outputs] == ["execute_result"], "`1 + 1` shows only its result, got "
          + repr([(o["msg_type"], o["content"]) for o in two.outputs]))
    check(two.outputs[0]["content"]["data"].get("text/plain") == "2", "`1 + 1` shows 2")
    print("check_kernel: interrupt ok (%d of %d solves started, ended with one 'Interrupted' line)" % (ran, len(nets)))


def outputs(kc):
    cell = run(kc, 'Plan p = Memsched.plan(Memsched.zoo("toy-cell")).method("greedy").run();\np')
    bundles = [o["content"]["data"] for o in cell.of("display_data", "execute_result")]
    check(cell.reply["status"] == "ok", "a plan runs: " + repr(cell.reply))
    check(any("image/svg+xml" in b for b in bundles) and any("<table" in b.get("text/html", "") for b in bundles),
          "a plan shows a table and a picture: " + repr([list(b) for b in bundles]))
    for code in ['Memsched.zoo("toy-cell")', "p.timeline()", "p.compare(\"rpo\")", "p.report()",
                 "p.timeline().table()", "display(p)"]:
        c = run(kc, code)
        check(c.reply["status"] == "ok", code + ": " + repr(c.reply))
        for o in c.of("display_data", "execute_result"):
            data = o["content"]["data"]
            check("<svg" not in data.get("text/html", ""), code + ": SVG inside text/html")
            if "image/svg+xml" in data:
                check("text/html" not in data, code + ": a picture also as text/html")
            bundles.append(data)
    check(sum("image/svg+xml" in b for b in bundles) >= 5, "pictures are image/svg+xml outputs")
    print("check_kernel: outputs ok (%d outputs: pictures as image/svg+xml, tables as HTML)" % len(bundles))


def errors(kc):
    run(kc, "int boom(int x) {\n    if (x == 0) throw new IllegalStateException(\"boom\");\n    return boom(x - 1);\n}")
    cell = run(kc, "int a = 1;\n\nint b = boom(2);")
    check(cell.reply["status"] == "error", "an exception fails the cell")
    errs = cell.of("error")
    check(len(errs) == 1 and errs[0]["content"]["ename"] == "IllegalStateException", "ename is the exception: "
          + repr([e["content"]["ename"] for e in errs]))
    tb = errs[0]["content"]["traceback"]
    check("\x1b[1;31m" in tb[0] or "\x1b[31m" in tb[0], "the error is red: " + repr(tb[0]))
    plain = [ANSI.sub("", t) for t in tb]
    count = cell.reply["execution_count"]
    check(any(re.search(r"at boom \(cell \d+, line 2\)", t) for t in plain), "the frame names the method's cell: "
          + repr(plain))
    check(any(("at cell %d, line 3" % count) in t for t in plain), "the frame names this cell and line: " + repr(plain))
    check(not any("#" in t for t in plain), "no JShell snippet ids: " + repr(plain))
    print("check_kernel: errors ok (" + " | ".join(plain) + ")")


def magics(kc):
    cell = run(kc, "%lsmagic")
    text = cell.streams()
    for m in ("%maven", "%jars", "%classpath", "%lsmagic"):
        check(m in text, "%lsmagic lists " + m + ": " + text)
    with tempfile.TemporaryDirectory() as d:
        jar = os.path.join(d, "hello.jar")
        src = os.path.join(d, "src")
        os.makedirs(os.path.join(src, "hello"))
        with open(os.path.join(src, "hello", "Hello.java"), "w") as f:
            f.write("package hello; public class Hello { public static String hi() { return \"hi from a jar\"; } }\n")
        if os.system("javac -d %s %s" % (os.path.join(d, "classes"), os.path.join(src, "hello", "Hello.java"))) != 0:
            sys.exit("check_kernel: javac failed")
        with zipfile.ZipFile(jar, "w") as z:
            z.write(os.path.join(d, "classes", "hello", "Hello.class"), "hello/Hello.class")
        added = run(kc, "%jars " + jar)
        check(added.reply["status"] == "ok" and "added 1 jar" in added.streams(), "%jars: " + repr(added.reply)
              + added.streams())
        used = run(kc, "hello.Hello.hi()")
        check(used.reply["status"] == "ok" and "hi from a jar" in repr(used.outputs), "a class of the jar: "
              + repr(used.reply))
        listed = run(kc, "%classpath")
        check(jar in listed.streams(), "%classpath lists the jar: " + listed.streams())
    print("check_kernel: magics ok (%lsmagic, %jars, %classpath)")


def inspect(kc):
    code = "Memsched.plan(g)"
    msg_id = kc.inspect(code, cursor_pos=len("Memsched.pla"))
    reply = kc.get_shell_msg(timeout=WAIT)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=WAIT)
    text = reply["content"].get("data", {}).get("text/plain", "")
    check(reply["content"].get("found") and "Starts a plan of graph" in text, "Shift-Tab shows the javadoc: " + text)
    print("check_kernel: inspect ok (" + text.replace("\n", " | ") + ")")


def progress(kc):
    cell = run(kc, 'Memsched.compare(Memsched.zoo("darts-cifar"), SchedulerOptions.defaults()'
                   '.withTimeLimit(Duration.ofSeconds(20)), List.of("ilp", "hmcos")).best().peakBytes()')
    shown = [o for o in cell.of("display_data") if o["content"].get("transient", {}).get("display_id")]
    updates = cell.of("update_display_data")
    check(len(shown) == 1, "one progress output: " + repr([o["content"] for o in cell.of("display_data")]))
    ident = shown[0]["content"]["transient"]["display_id"]
    check(updates and all(u["content"]["transient"]["display_id"] == ident for u in updates),
          "the progress output is updated in place")
    last = (updates or shown)[-1]["content"]["data"]["text/plain"]
    check("darts-cifar" in last and " s" in last, "the line names graph and elapsed time: " + last)
    print("check_kernel: progress ok (%d updates, last: %s)" % (len(updates), last))


def main():
    km, kc = start_new_kernel(kernel_name="memsched", startup_timeout=WAIT)
    try:
        interrupt(km, kc)
        outputs(kc)
        errors(kc)
        magics(kc)
        inspect(kc)
        progress(kc)
        check(not stray, "no output outside its cell: " + repr([(m["msg_type"], m["content"]) for m in stray])[:800])
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    print("check_kernel: all checks passed")


if __name__ == "__main__":
    main()
