"""Runs a notebook's cells in a kernel of a running Jupyter Notebook server, as a person clicking
"Run All" would: `bin/radspark notebook` starts the server; this client starts a kernel through the
server's REST API and sends each code cell over the kernel's websocket. Exit 0 when every cell ran
without an error, 1 otherwise (the failing cell and its error are printed).

    python3 server_run.py http://127.0.0.1:PORT TOKEN NOTEBOOK_PATH_IN_SERVER [TIMEOUT_S]
"""
import json
import sys
import uuid

from tornado import httpclient, ioloop, websocket


async def run(base, token, path, timeout):
    http = httpclient.AsyncHTTPClient()
    auth = {"Authorization": f"token {token}"}
    nb = json.loads((await http.fetch(f"{base}/api/contents/{path}", headers=auth)).body)["content"]
    session = json.loads((await http.fetch(
        f"{base}/api/sessions", method="POST", headers=auth,
        body=json.dumps({"path": path, "type": "notebook", "kernel": {"name": "python3"}}))).body)
    kernel = session["kernel"]["id"]
    ws_url = base.replace("http", "ws", 1) + f"/api/kernels/{kernel}/channels"
    ws = await websocket.websocket_connect(httpclient.HTTPRequest(ws_url, headers=auth))
    code_cells = [c for c in nb["cells"] if c["cell_type"] == "code"]
    try:
        for i, cell in enumerate(code_cells, 1):
            msg_id = uuid.uuid4().hex
            ws.write_message(json.dumps({
                "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": "ci", "session": msg_id,
                           "version": "5.3"},
                "parent_header": {}, "metadata": {}, "channel": "shell",
                "content": {"code": cell["source"], "silent": False, "store_history": True,
                            "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}}))
            while True:
                raw = await ws.read_message()
                if raw is None:
                    raise SystemExit("the kernel's websocket closed")
                m = json.loads(raw)
                if m.get("parent_header", {}).get("msg_id") != msg_id:
                    continue
                if m["msg_type"] == "error":
                    print(f"cell {i} of {len(code_cells)} failed: {m['content']['ename']}: {m['content']['evalue']}")
                    return 1
                if m["msg_type"] == "execute_reply" and m["channel"] == "shell":
                    break
            print(f"cell {i}/{len(code_cells)} ok", flush=True)
        return 0
    finally:
        ws.close()
        await http.fetch(f"{base}/api/sessions/{session['id']}", method="DELETE", headers=auth)


def main():
    base, token, path = sys.argv[1:4]
    timeout = float(sys.argv[4]) if len(sys.argv) > 4 else 600
    code = ioloop.IOLoop.current().run_sync(lambda: run(base.rstrip("/"), token, path, timeout), timeout=timeout)
    sys.exit(code)


if __name__ == "__main__":
    main()
