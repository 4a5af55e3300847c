<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>ServerCommandLine</name>
    <message>
        <source>Hosts a Parlor chat room. People join it with Parlor, with any WebSocket client (subprotocol parlor.v1 or chatting), or from a browser.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port to listen on; 0 picks a free one (default: %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address to listen on: &quot;any&quot; for the whole network, &quot;localhost&quot; for this computer only, or an IP address (default: any).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of the room (default: %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password people need to join. The environment variable PARLOR_PASSWORD does the same without showing it in the process list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept browsers only from this Origin, e.g. http://intranet.example (repeatable; default: any). Others get HTTP 403.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>origin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections the room takes; more are closed with 1013 (default: %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections from one IP address; more are closed with 1013 (default: %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Largest incoming message in bytes; larger ones are closed with 1009 (default: %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest chat message in characters (default: %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest nickname in characters (default: %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages a second one peer may send, with bursts of twice as many; a peer that keeps going faster is closed with 1008 (default: %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Milliseconds a new connection has for the WebSocket handshake, and then again for its hello (default: %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bytes of output queued for a peer that does not read before it is dropped (default: %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Room events kept for people who join or reconnect (default: %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected argument &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1 must be a whole number from %2 to %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--bind needs &quot;any&quot;, &quot;localhost&quot; or an IP address, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--room needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServerMain</name>
    <message>
        <source>Parlor room &quot;%1&quot; is open on port %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only this computer can join: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No network connection was found; this computer can join at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People on your network can join at:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The room needs a password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press Ctrl+C to close the room.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the room on %1 port %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try &quot;parlor-server --help&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
