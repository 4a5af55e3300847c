#!/usr/bin/python3
"""A Parlor room peer written with Python's websockets library (not Qt).

Usage: python_peer.py URL [--nick NICK] [--rich-text TEXT] [--plain-text TEXT]
                          [--expect NICK TEXT]... [--timeout SECONDS] [--pin SHA256]

Connects two peers to the room at URL:
  * a rich peer offering subprotocol parlor.v1: sends hello, waits for welcome, says a line;
  * a plain peer offering subprotocol chatting: sends one text frame.
Checks the negotiated subprotocols, that the rich peer sees the plain line as a `message` from
guest-N, that the plain peer sees the rich line as "nick: text", and that both see every
--expect line said by someone else in the room. Then closes both peers cleanly.

For a wss:// URL the server's certificate is verified as Python does by default, or, with --pin,
trusted exactly when its SHA-256 fingerprint is the one given (how Parlor pins a self-signed
certificate): no other certificate is accepted.

Exits 0 on success; 1 with a message on stderr when a check fails or a wait times out;
3 when the websockets module is missing. Run it with /usr/bin/python3 on Debian.
"""

import argparse
import asyncio
import hashlib
import json
import os
import ssl
import sys

try:
    import websockets
except ImportError:
    print("python_peer: the websockets module is missing: run scripts/setup.sh --tests "
          "(Debian's python3-websockets, importable from /usr/bin/python3)", file=sys.stderr)
    sys.exit(3)

RICH = "parlor.v1"
PLAIN = "chatting"


class PeerError(Exception):
    """A check failed; the message says which."""


class Inbox:
    """Everything one connection receives, so a wait can look at frames that came earlier."""

    def __init__(self, ws, name, parse_json):
        self.ws = ws
        self.name = name
        self.items = []
        self.closed = False
        self._parse_json = parse_json
        self._changed = asyncio.Condition()
        self.task = asyncio.create_task(self._read())

    async def _read(self):
        try:
            async for frame in self.ws:
                if isinstance(frame, bytes):
                    item = ("binary", frame)
                elif self._parse_json:
                    try:
                        item = json.loads(frame)
                    except ValueError:
                        item = ("not json", frame)
                else:
                    item = frame
                async with self._changed:
                    self.items.append(item)
                    self._changed.notify_all()
        except websockets.ConnectionClosed:
            pass
        finally:
            async with self._changed:
                self.closed = True
                self._changed.notify_all()

    async def wait_for(self, predicate, what, timeout):
        """Returns the first received item that matches; fails after timeout seconds."""

        def find():
            for item in self.items:
                if predicate(item):
                    return item
            return None

        async def wait():
            async with self._changed:
                while True:
                    found = find()
                    if found is not None:
                        return found
                    if self.closed:
                        raise PeerError(
                            f"{self.name}: the connection closed (code {self.ws.close_code}, "
                            f"reason {self.ws.close_reason!r}) before {what}")
                    await self._changed.wait()

        try:
            return await asyncio.wait_for(wait(), timeout)
        except asyncio.TimeoutError:
            raise PeerError(f"{self.name}: no {what} within {timeout} s; last received: "
                            f"{self.items[-5:]!r}") from None


def is_message(item, sender=None, text=None, msg_id=None):
    return (isinstance(item, dict) and item.get("type") == "message"
            and (sender is None or item.get("from") == sender)
            and (text is None or item.get("text") == text)
            and (msg_id is None or item.get("id") == msg_id))


def tls_context(url, pin):
    """The TLS settings for URL: Python's defaults, or, with a pin, no chain verification (a
    self-signed certificate has none) and the fingerprint check in connect() instead."""
    if not url.startswith("wss:"):
        return None
    context = ssl.create_default_context()
    if pin:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    return context


async def connect(url, subprotocol, timeout, pin=None):
    try:
        ws = await asyncio.wait_for(
            websockets.connect(url, subprotocols=[subprotocol], open_timeout=timeout,
                               close_timeout=timeout, ssl=tls_context(url, pin)),
            timeout)
    except asyncio.TimeoutError:
        raise PeerError(f"{subprotocol} peer: no handshake with {url} within {timeout} s") from None
    except (OSError, websockets.WebSocketException) as error:
        raise PeerError(f"{subprotocol} peer: cannot connect to {url}: {error}") from None
    if pin:
        der = ws.transport.get_extra_info("ssl_object").getpeercert(binary_form=True)
        fingerprint = hashlib.sha256(der).hexdigest()
        if fingerprint != pin.replace(":", "").replace(" ", "").lower():
            ws.transport.abort()
            raise PeerError(f"{subprotocol} peer: certificate not trusted: its SHA-256 is "
                            f"{fingerprint}, not the pinned one")
    if ws.subprotocol != subprotocol:
        await ws.close()
        raise PeerError(f"{subprotocol} peer: offered {subprotocol!r}, the server chose "
                        f"{ws.subprotocol!r}")
    return ws


async def close(inbox, timeout):
    await asyncio.wait_for(inbox.ws.close(), timeout)
    await asyncio.wait_for(inbox.task, timeout)
    if inbox.ws.close_code != 1000:
        raise PeerError(f"{inbox.name}: closed with code {inbox.ws.close_code}, expected 1000")


async def run(args):
    timeout = args.timeout
    token = os.urandom(4).hex()
    client_id = f"python-peer-{token}"

    rich = Inbox(await connect(args.url, RICH, timeout, args.pin), "rich peer", parse_json=True)
    plain = None
    try:
        await rich.ws.send(json.dumps({"type": "hello", "nick": args.nick, "client": client_id}))
        welcome = await rich.wait_for(lambda m: isinstance(m, dict) and m.get("type") == "welcome",
                                      "welcome", timeout)
        if welcome.get("you") != args.nick:
            raise PeerError(f"rich peer: welcome names us {welcome.get('you')!r}, "
                            f"not {args.nick!r}")

        plain = Inbox(await connect(args.url, PLAIN, timeout, args.pin), "plain peer", parse_json=False)
        await plain.ws.send(args.plain_text)
        # The room echoes a plain line to its sender too, which tells us our guest name.
        suffix = ": " + args.plain_text
        echo = await plain.wait_for(lambda t: isinstance(t, str) and t.endswith(suffix)
                                    and t.startswith("guest-"),
                                    f"echo of our line {args.plain_text!r}", timeout)
        guest = echo[:-len(suffix)]
        await rich.wait_for(lambda m: is_message(m, guest, args.plain_text),
                            f"message from {guest} with the plain peer's line", timeout)

        await rich.ws.send(json.dumps({"type": "say", "id": "py-1", "text": args.rich_text}))
        await rich.wait_for(lambda m: is_message(m, args.nick, args.rich_text, "py-1"),
                            "acknowledgement of say py-1", timeout)
        rich_line = f"{args.nick}: {args.rich_text}"
        await plain.wait_for(lambda t: t == rich_line, f"line {rich_line!r}", timeout)

        for nick, text in args.expect or []:
            await rich.wait_for(lambda m: is_message(m, nick, text),
                                f"message from {nick} with {text!r}", timeout)
            line = f"{nick}: {text}"
            await plain.wait_for(lambda t: t == line, f"line {line!r}", timeout)

        await close(plain, timeout)
        await close(rich, timeout)
        print(f"python_peer: ok: {args.nick} and {guest} chatted on {args.url} "
              f"(websockets {websockets.__version__})")
    finally:
        for inbox in (plain, rich):
            if inbox is not None and not inbox.closed:
                inbox.task.cancel()
                await inbox.ws.close()


def main():
    parser = argparse.ArgumentParser(description="A Parlor room peer on Python's websockets.")
    parser.add_argument("url", help="the room, e.g. ws://127.0.0.1:5870")
    parser.add_argument("--nick", default="python-rich", help="nickname of the parlor.v1 peer")
    parser.add_argument("--rich-text", default="Hello from Python (parlor.v1)")
    parser.add_argument("--plain-text", default="Hello from Python (chatting)")
    parser.add_argument("--expect", nargs=2, action="append", metavar=("NICK", "TEXT"),
                        help="a line someone else says that both peers must see (repeatable)")
    parser.add_argument("--timeout", type=float, default=10.0,
                        help="seconds each step may take (default: 10)")
    parser.add_argument("--pin", metavar="SHA256",
                        help="trust the wss:// server's certificate exactly when its SHA-256 "
                             "fingerprint is this one")
    args = parser.parse_args()
    try:
        asyncio.run(run(args))
    except PeerError as error:
        print(f"python_peer: FAIL: {error}", file=sys.stderr)
        return 1
    except asyncio.TimeoutError:
        print("python_peer: FAIL: closing the connection timed out", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
