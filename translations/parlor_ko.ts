<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>ServerCommandLine</name>
    <message>
        <source>Hosts a Parlor chat room. People join it with Parlor, with any WebSocket client (subprotocol parlor.v1 or chatting), or from a browser.</source>
        <translation>Parlor 대화방을 엽니다. 사람들은 Parlor, 아무 WebSocket 클라이언트(하위 프로토콜 parlor.v1 또는 chatting), 또는 브라우저로 참여할 수 있습니다.</translation>
    </message>
    <message>
        <source>Port to listen on; 0 picks a free one (default: %1).</source>
        <translation>수신할 포트. 0이면 빈 포트를 고릅니다 (기본값: %1).</translation>
    </message>
    <message>
        <source>port</source>
        <translation>포트</translation>
    </message>
    <message>
        <source>Address to listen on: "any" for the whole network, "localhost" for this computer only, or an IP address (default: any).</source>
        <translation>수신할 주소: 네트워크 전체는 "any", 이 컴퓨터만은 "localhost", 또는 IP 주소 (기본값: any).</translation>
    </message>
    <message>
        <source>address</source>
        <translation>주소</translation>
    </message>
    <message>
        <source>Name of the room (default: %1).</source>
        <translation>대화방 이름 (기본값: %1).</translation>
    </message>
    <message>
        <source>name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Password people need to join. The environment variable PARLOR_PASSWORD does the same without showing it in the process list.</source>
        <translation>참여에 필요한 비밀번호. 환경 변수 PARLOR_PASSWORD를 쓰면 프로세스 목록에 비밀번호가 드러나지 않습니다.</translation>
    </message>
    <message>
        <source>password</source>
        <translation>비밀번호</translation>
    </message>
    <message>
        <source>Accept browsers only from this Origin, e.g. http://intranet.example (repeatable; default: any). Others get HTTP 403.</source>
        <translation>이 Origin의 브라우저만 받습니다. 예: http://intranet.example (여러 번 지정 가능, 기본값: 모두). 나머지는 HTTP 403을 받습니다.</translation>
    </message>
    <message>
        <source>origin</source>
        <translation>origin</translation>
    </message>
    <message>
        <source>Connections the room takes; more are closed with 1013 (default: %1).</source>
        <translation>대화방이 받는 연결 수. 넘으면 1013으로 닫습니다 (기본값: %1).</translation>
    </message>
    <message>
        <source>count</source>
        <translation>개수</translation>
    </message>
    <message>
        <source>Connections from one IP address; more are closed with 1013 (default: %1).</source>
        <translation>IP 주소 하나에서 받는 연결 수. 넘으면 1013으로 닫습니다 (기본값: %1).</translation>
    </message>
    <message>
        <source>Largest incoming message in bytes; larger ones are closed with 1009 (default: %1).</source>
        <translation>받을 수 있는 가장 큰 메시지(바이트). 더 크면 1009로 닫습니다 (기본값: %1).</translation>
    </message>
    <message>
        <source>bytes</source>
        <translation>바이트</translation>
    </message>
    <message>
        <source>Longest chat message in characters (default: %1).</source>
        <translation>대화 메시지의 최대 글자 수 (기본값: %1).</translation>
    </message>
    <message>
        <source>characters</source>
        <translation>글자 수</translation>
    </message>
    <message>
        <source>Longest nickname in characters (default: %1).</source>
        <translation>대화명의 최대 글자 수 (기본값: %1).</translation>
    </message>
    <message>
        <source>Messages a second one peer may send, with bursts of twice as many; a peer that keeps going faster is closed with 1008 (default: %1).</source>
        <translation>한 참여자가 초당 보낼 수 있는 메시지 수(순간적으로는 두 배까지). 계속 더 빨리 보내면 1008로 닫습니다 (기본값: %1).</translation>
    </message>
    <message>
        <source>Milliseconds a new connection has for the WebSocket handshake, and then again for its hello (default: %1).</source>
        <translation>새 연결이 WebSocket 핸드셰이크를 마치고, 다시 hello를 보내기까지 주어지는 시간(밀리초) (기본값: %1).</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>밀리초</translation>
    </message>
    <message>
        <source>Bytes of output queued for a peer that does not read before it is dropped (default: %1).</source>
        <translation>읽지 않는 참여자에게 쌓아 둘 수 있는 출력 바이트. 넘으면 연결을 끊습니다 (기본값: %1).</translation>
    </message>
    <message>
        <source>Room events kept for people who join or reconnect (default: %1).</source>
        <translation>새로 들어오거나 다시 연결한 사람을 위해 보관할 대화방 이벤트 수 (기본값: %1).</translation>
    </message>
    <message>
        <source>Unexpected argument "%1".</source>
        <translation>예상하지 못한 인수 "%1".</translation>
    </message>
    <message>
        <source>--%1 must be a whole number from %2 to %3.</source>
        <translation>--%1 값은 %2에서 %3 사이의 정수여야 합니다.</translation>
    </message>
    <message>
        <source>--bind needs "any", "localhost" or an IP address, not "%1".</source>
        <translation>--bind 값은 "%1"이 아니라 "any", "localhost" 또는 IP 주소여야 합니다.</translation>
    </message>
    <message>
        <source>--room needs a name.</source>
        <translation>--room에는 이름이 필요합니다.</translation>
    </message>
</context>
<context>
    <name>ServerMain</name>
    <message>
        <source>Parlor room "%1" is open on port %2.</source>
        <translation>Parlor 대화방 "%1"이(가) 포트 %2에서 열렸습니다.</translation>
    </message>
    <message>
        <source>Only this computer can join: %1</source>
        <translation>이 컴퓨터에서만 참여할 수 있습니다: %1</translation>
    </message>
    <message>
        <source>No network connection was found; this computer can join at %1</source>
        <translation>네트워크 연결을 찾지 못했습니다. 이 컴퓨터에서는 %1 주소로 참여할 수 있습니다</translation>
    </message>
    <message>
        <source>People on your network can join at:</source>
        <translation>같은 네트워크의 사람들은 다음 주소로 참여할 수 있습니다:</translation>
    </message>
    <message>
        <source>The room needs a password.</source>
        <translation>이 대화방은 비밀번호가 필요합니다.</translation>
    </message>
    <message>
        <source>Press Ctrl+C to close the room.</source>
        <translation>대화방을 닫으려면 Ctrl+C를 누르세요.</translation>
    </message>
    <message>
        <source>Cannot open the room on %1 port %2: %3</source>
        <translation>%1 포트 %2에서 대화방을 열 수 없습니다: %3</translation>
    </message>
    <message>
        <source>Try "parlor-server --help".</source>
        <translation>"parlor-server --help"를 실행해 보세요.</translation>
    </message>
</context>
</TS>
