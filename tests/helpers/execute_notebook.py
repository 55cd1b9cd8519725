"""Executes a Deno notebook with jupyter_client and writes the executed copy.

    python3 execute_notebook.py INPUT OUTPUT [--timeout SECONDS]

Why not `jupyter nbconvert --execute`: Deno's kernel (2.9) sometimes publishes a cell's
output after the cell's "idle" status -- console output always goes through a separate
task, and `Deno.jupyter.display` output does too under load (measured: about one display
in a hundred, a few console lines in a hundred, on a busy 2-core machine). nbclient stops
listening to a cell at "idle" and drops what comes later, so a run loses outputs at random.
Here every output is filed under the cell its parent message names, whenever it comes,
and the run ends with a barrier cell whose own display and console line come through the
same two paths after everything before them; only then is the notebook written.

The kernel starts in the notebook's folder, as in JupyterLab. A cell that raises stops the
run (exit status 1, the error on stderr), as nbconvert does. Needs jupyter_client and
nbformat (Debian: jupyter-client and jupyter-nbconvert; pip: jupyter_client nbconvert).
"""
import argparse
import os
import queue
import sys
import time

import nbformat
from jupyter_client.manager import KernelManager
from nbformat.v4 import output_from_msg

BARRIER = "hearsay-notebook-barrier"
BARRIER_CODE = (
    f'await Deno.jupyter.display({{ "text/plain": "{BARRIER}" }}, {{ raw: true }});\n'
    f'console.log("{BARRIER}");'
)


class CellError(Exception):
    pass


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--timeout", type=float, default=240, help="seconds per cell")
    args = parser.parse_args()

    nb = nbformat.read(args.input, as_version=4)
    kernel_name = nb.metadata.get("kernelspec", {}).get("name", "deno")
    km = KernelManager(kernel_name=kernel_name)
    km.start_kernel(cwd=os.path.dirname(os.path.abspath(args.input)))
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=args.timeout)
        info = kc.kernel_info(reply=True, timeout=args.timeout)["content"]
        nb.metadata["language_info"] = info.get("language_info", {})
        run(nb, km, kc, args.timeout)
    except CellError as error:
        print(error, file=sys.stderr)
        sys.exit(1)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    nbformat.write(nb, args.output)


def run(nb, km, kc, timeout):
    # msg_id of each execute request -> its state; outputs are filed by parent msg_id.
    requests = {}
    current = [None]
    late = [0]

    def file(msg):
        state = requests.get(msg["parent_header"].get("msg_id"))
        if state is None:
            return
        kind = msg["msg_type"]
        content = msg["content"]
        if kind == "status":
            if content["execution_state"] == "idle":
                state["idle"] = True
        elif kind == "execute_input":
            state["count"] = content.get("execution_count")
        elif kind == "clear_output":
            state["outputs"].clear()
        elif kind in ("stream", "display_data", "execute_result", "error"):
            if state is not current[0] or state["idle"]:
                late[0] += 1
            out = output_from_msg(msg)
            last = state["outputs"][-1] if state["outputs"] else None
            if kind == "stream" and last is not None and last.output_type == "stream" and last.name == out.name:
                last.text += out.text  # one stream output per run of lines, as nbclient writes it
            else:
                state["outputs"].append(out)

    def wait(msg_id, done):
        """Files every message until `done(state)` holds for msg_id, or the timeout passes."""
        state = requests[msg_id]
        deadline = time.monotonic() + timeout
        while not done(state):
            if time.monotonic() > deadline:
                raise CellError(f"cell timed out after {timeout:.0f} s:\n{state['code']}")
            try:
                file(kc.get_iopub_msg(timeout=0.2))
            except queue.Empty:
                pass
            try:
                reply = kc.get_shell_msg(timeout=0)
                target = requests.get(reply["parent_header"].get("msg_id"))
                if target is not None:
                    target["reply"] = reply["content"]
            except queue.Empty:
                pass
            if not km.is_alive():
                raise CellError("the kernel died")

    def execute(code):
        msg_id = kc.execute(code, store_history=True, allow_stdin=False)
        requests[msg_id] = {"code": code, "outputs": [], "idle": False, "reply": None, "count": None}
        current[0] = requests[msg_id]
        wait(msg_id, lambda s: s["idle"] and s["reply"] is not None)
        return msg_id

    cells = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        msg_id = execute(cell.source)
        cells.append((cell, msg_id))
        reply = requests[msg_id]["reply"]
        if reply.get("status") == "error":
            raise CellError(
                f"cell raised {reply.get('ename')}: {reply.get('evalue')}\n{cell.source}\n" + "\n".join(reply.get("traceback", []))
            )

    barrier = execute(BARRIER_CODE)

    def through(state):
        texts = [o.get("text", "") + str(o.get("data", {}).get("text/plain", "")) for o in state["outputs"]]
        return sum(BARRIER in t for t in texts) == 2

    wait(barrier, through)
    print(f"executed {len(cells)} code cells; {late[0]} outputs came after their cell's idle status", file=sys.stderr)

    for cell, msg_id in cells:
        state = requests[msg_id]
        cell.outputs = state["outputs"]
        cell.execution_count = state["count"]
        for out in cell.outputs:
            if out.output_type == "execute_result":
                out.execution_count = state["count"]
            if out.output_type == "error":
                raise CellError(f"cell raised {out.ename}: {out.evalue}\n{cell.source}")


if __name__ == "__main__":
    main()
