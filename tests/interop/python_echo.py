#!/usr/bin/python3
"""A WebSocket echo server written with Python's websockets library (not Qt), for testing
parlor-cli --raw against a server that is not Parlor.

Usage: python_echo.py [--protocols a,b,...]

Listens on 127.0.0.1 on a free port and prints "listening PORT". To each connection it first
sends one text frame, a JSON object with what the handshake carried: {"protocol": the chosen
subprotocol ("" for none), "headers": the request's headers, names in lower case}. Then it echoes
every message as it came (text as text, binary as binary). It runs until killed.

Exits 3 when the websockets module is missing. Run it with /usr/bin/python3 on Debian.
"""

import argparse
import asyncio
import json
import sys

try:
    import websockets
except ImportError:
    print("python_echo: the websockets module is missing: run scripts/setup.sh --tests "
          "(Debian's python3-websockets, importable from /usr/bin/python3)", file=sys.stderr)
    sys.exit(3)


async def echo(ws, path=None):
    headers = {name.lower(): value for name, value in ws.request_headers.raw_items()}
    await ws.send(json.dumps({"protocol": ws.subprotocol or "", "headers": headers}))
    async for frame in ws:
        await ws.send(frame)


async def run(protocols):
    async with websockets.serve(echo, "127.0.0.1", 0, subprotocols=protocols) as server:
        port = next(iter(server.sockets)).getsockname()[1]
        print(f"listening {port}", flush=True)
        await asyncio.Future()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--protocols", default="",
                        help="subprotocols it accepts, comma-separated (default: none)")
    args = parser.parse_args()
    protocols = [p for p in args.protocols.split(",") if p] or None
    asyncio.run(run(protocols))


if __name__ == "__main__":
    main()
