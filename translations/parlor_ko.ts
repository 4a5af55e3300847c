<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>CliMain</name>
    <message>
        <source>Joins a chat room over WebSocket. Lines read from standard input are sent; what happens in the room is printed. Ends when the input ends and everything sent was confirmed.</source>
        <translation>WebSocket으로 대화방에 참여합니다. 표준 입력에서 읽은 줄을 보내고, 대화방에서 일어나는 일을 출력합니다. 입력이 끝나고 보낸 메시지가 모두 확인되면 종료합니다.</translation>
    </message>
    <message>
        <source>Your nickname (default: your login name).</source>
        <translation>대화명 (기본값: 로그인 이름).</translation>
    </message>
    <message>
        <source>name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>The Origin header to send.</source>
        <translation>보낼 Origin 헤더.</translation>
    </message>
    <message>
        <source>origin</source>
        <translation>origin</translation>
    </message>
    <message>
        <source>The room&apos;s password (or set PARLOR_PASSWORD).</source>
        <translation>대화방 비밀번호 (또는 PARLOR_PASSWORD 설정).</translation>
    </message>
    <message>
        <source>password</source>
        <translation>비밀번호</translation>
    </message>
    <message>
        <source>Print one JSON object per event (see docs/CLI.md).</source>
        <translation>이벤트마다 JSON 객체 하나를 출력합니다 (docs/CLI.md 참고).</translation>
    </message>
    <message>
        <source>Write every connection event to this file as JSON Lines (see docs/TRACE.md).</source>
        <translation>모든 연결 이벤트를 이 파일에 JSON Lines로 기록합니다 (docs/TRACE.md 참고).</translation>
    </message>
    <message>
        <source>file</source>
        <translation>파일</translation>
    </message>
    <message>
        <source>Keep unsent messages in this file, so they survive a restart.</source>
        <translation>보내지 못한 메시지를 이 파일에 보관해 다시 시작해도 남게 합니다.</translation>
    </message>
    <message>
        <source>Do not reconnect when the connection drops.</source>
        <translation>연결이 끊겨도 다시 연결하지 않습니다.</translation>
    </message>
    <message>
        <source>Try &quot;parlor-cli --help&quot;.</source>
        <translation>&quot;parlor-cli --help&quot;를 실행해 보세요.</translation>
    </message>
    <message>
        <source>The nickname &quot;%1&quot; cannot be used: %2</source>
        <translation>대화명 &quot;%1&quot;은(는) 쓸 수 없습니다: %2</translation>
    </message>
    <message>
        <source>Trust the room&apos;s TLS certificate when its SHA-256 fingerprint is this one (as parlor-server prints it), although no authority vouches for it. Remembered for this host and port, like Parlor&apos;s certificate dialog.</source>
        <translation>보증하는 인증 기관이 없더라도 대화방의 TLS 인증서의 SHA-256 지문이 이 값이면(parlor-server가 출력하는 값) 신뢰합니다. Parlor의 인증서 대화 상자처럼 이 호스트와 포트에 대해 기억합니다.</translation>
    </message>
    <message>
        <source>sha256</source>
        <translation>sha256</translation>
    </message>
    <message>
        <source>Cannot remember the trusted certificate.</source>
        <translation>신뢰한 인증서를 기억할 수 없습니다.</translation>
    </message>
    <message>
        <source>Instead of joining a room, list the rooms announced on the local network (see docs/DISCOVERY.md): one per line, name, address and what to know before joining; with --json, one JSON object per room.</source>
        <translation>대화방에 참여하는 대신 로컬 네트워크에 알려진 대화방을 나열합니다(docs/DISCOVERY.md 참고). 한 줄에 하나씩 이름, 주소, 참여 전에 알아 둘 점을 보여 주며, --json을 쓰면 대화방마다 JSON 객체 하나를 출력합니다.</translation>
    </message>
    <message>
        <source>With --discover: keep looking, and print each room as it appears (+), changes (~) and goes (-), until interrupted.</source>
        <translation>--discover와 함께: 중단할 때까지 계속 찾으며, 대화방이 나타날 때(+), 바뀔 때(~), 사라질 때(-)마다 출력합니다.</translation>
    </message>
    <message>
        <source>With --discover: how long to look before printing the list (default: 3).</source>
        <translation>--discover와 함께: 목록을 출력하기 전에 찾는 시간(기본값: 3).</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>초</translation>
    </message>
    <message>
        <source>--discover takes no room URL.</source>
        <translation>--discover에는 대화방 URL을 주지 않습니다.</translation>
    </message>
    <message>
        <source>--discover-time takes a number of seconds from 0.1 to 3600.</source>
        <translation>--discover-time에는 0.1에서 3600 사이의 초를 주어야 합니다.</translation>
    </message>
    <message>
        <source>--watch and --discover-time go with --discover.</source>
        <translation>--watch와 --discover-time은 --discover와 함께 씁니다.</translation>
    </message>
    <message>
        <source>A subprotocol to offer, most preferred first (repeatable; default: parlor.v1 and chatting, with --raw none).</source>
        <translation>제안할 하위 프로토콜, 가장 원하는 것부터(여러 번 지정 가능, 기본값: parlor.v1과 chatting, --raw에서는 없음).</translation>
    </message>
    <message>
        <source>An extra header for the WebSocket handshake, e.g. &quot;Authorization: Bearer abc&quot; (repeatable). Headers the handshake owns (Host, Upgrade, Connection, Sec-WebSocket-*, Origin) are refused.</source>
        <translation>WebSocket 핸드셰이크에 더할 헤더, 예: &quot;Authorization: Bearer abc&quot;(여러 번 지정 가능). 핸드셰이크가 쓰는 헤더(Host, Upgrade, Connection, Sec-WebSocket-*, Origin)는 거부합니다.</translation>
    </message>
    <message>
        <source>&quot;Name: value&quot;</source>
        <translation>&quot;이름: 값&quot;</translation>
    </message>
    <message>
        <source>Accept the wss:// server&apos;s certificate only if its SHA-256 fingerprint is this one (for a self-signed certificate), for this run only: nothing is remembered. Any other certificate is refused.</source>
        <translation>wss:// 서버의 인증서는 SHA-256 지문이 이것일 때만 받아들입니다(자체 서명 인증서용). 이번 실행에만 적용되며 기억하지 않습니다. 다른 인증서는 모두 거부합니다.</translation>
    </message>
    <message>
        <source>Send a ping this often while connected; 0 turns the heartbeat off (default: 15).</source>
        <translation>연결되어 있는 동안 이 간격으로 핑을 보냅니다. 0이면 하트비트를 끕니다(기본값: 15).</translation>
    </message>
    <message>
        <source>A ping without a pong this long means the connection is dead: it is closed and reported (default: 10).</source>
        <translation>핑을 보낸 뒤 이 시간 동안 퐁이 없으면 연결이 끊긴 것으로 보고 닫은 뒤 알립니다(기본값: 10).</translation>
    </message>
    <message>
        <source>Debug any WebSocket server: no chat protocol; each input line is sent as one text frame, and every frame received is printed as it comes (&quot;&lt; text&quot;, binary as &quot;&lt;# hex&quot;). Never reconnects.</source>
        <translation>아무 WebSocket 서버나 디버깅합니다. 채팅 프로토콜 없이 입력한 줄마다 텍스트 프레임 하나로 보내고, 받은 프레임은 오는 대로 출력합니다(&quot;&lt; text&quot;, 바이너리는 &quot;&lt;# hex&quot;). 다시 연결하지 않습니다.</translation>
    </message>
    <message>
        <source>With --raw: each input line is hex (spaces and colons ignored) and is sent as one binary frame.</source>
        <translation>--raw와 함께: 입력한 줄마다 16진수로 읽어(공백과 콜론은 무시) 바이너리 프레임 하나로 보냅니다.</translation>
    </message>
    <message>
        <source>With --raw: also print each ping sent (&quot;&gt;! ping&quot;) and each pong received (&quot;&lt;! pong&quot;).</source>
        <translation>--raw와 함께: 보낸 핑(&quot;&gt;! ping&quot;)과 받은 퐁(&quot;&lt;! pong&quot;)도 출력합니다.</translation>
    </message>
    <message>
        <source>With --raw: after the input ends, keep printing what arrives this long before closing (default: 1).</source>
        <translation>--raw와 함께: 입력이 끝난 뒤 이 시간 동안 도착하는 것을 계속 출력한 다음 닫습니다(기본값: 1).</translation>
    </message>
    <message>
        <source>--%1 goes with --raw.</source>
        <translation>--%1 옵션은 --raw와 함께 써야 합니다.</translation>
    </message>
    <message>
        <source>--%1 needs a wss:// URL and a SHA-256 fingerprint: 64 hex digits (colons and spaces are ignored).</source>
        <translation>--%1 옵션에는 wss:// URL과 SHA-256 지문(16진수 64자리, 콜론과 공백은 무시)이 필요합니다.</translation>
    </message>
    <message>
        <source>--%1 takes 0 or a number of seconds from 0.1 to 3600.</source>
        <translation>--%1 옵션에는 0 또는 0.1에서 3600 사이의 초를 지정하세요.</translation>
    </message>
    <message>
        <source>--%1 takes a number of seconds from 0.1 to 3600.</source>
        <translation>--%1 옵션에는 0.1에서 3600 사이의 초를 지정하세요.</translation>
    </message>
    <message>
        <source>The room, e.g. ws://192.168.1.20:5870. Several servers of one room are separated by commas (ws://a:5870,ws://b:5870): when one is lost, the next is tried.</source>
        <translation>대화방 주소. 예: ws://192.168.1.20:5870. 한 대화방의 여러 서버는 쉼표로 구분합니다(ws://a:5870,ws://b:5870). 한 서버와 연결이 끊기면 다음 서버에 연결합니다.</translation>
    </message>
    <message>
        <source>A server of the room (repeatable, or comma-separated; instead of or after the url): tried in turn when one is lost.</source>
        <translation>대화방의 서버 (여러 번 쓰거나 쉼표로 구분할 수 있으며, url 대신 또는 url 뒤에 씁니다). 한 서버와 연결이 끊기면 차례로 다음 서버에 연결합니다.</translation>
    </message>
    <message>
        <source>url</source>
        <translation>url</translation>
    </message>
    <message>
        <source>Give one room URL (several servers separated by commas, or with --server).</source>
        <translation>대화방 URL을 하나만 지정하세요 (여러 서버는 쉼표로 구분하거나 --server로 지정합니다).</translation>
    </message>
    <message>
        <source>Connect through this proxy: http://host:port (HTTP CONNECT) or socks5://host:port, with user@ before the host for a proxy that wants a login (the password from PARLOR_PROXY_PASSWORD). &quot;none&quot;: connect directly even when http_proxy is set. Default: the system&apos;s proxy (http_proxy, https_proxy, no_proxy), never for a loopback address.</source>
        <translation>이 프록시를 거쳐 연결합니다: http://호스트:포트(HTTP CONNECT) 또는 socks5://호스트:포트. 로그인이 필요한 프록시는 호스트 앞에 user@를 붙이고 비밀번호는 PARLOR_PROXY_PASSWORD에서 읽습니다. &quot;none&quot;: http_proxy가 설정되어 있어도 직접 연결합니다. 기본값: 시스템 프록시(http_proxy, https_proxy, no_proxy). 루프백 주소에는 쓰지 않습니다.</translation>
    </message>
    <message>
        <source>proxy</source>
        <translation>프록시</translation>
    </message>
    <message>
        <source>With -s v12.stomp: the broker&apos;s destination to chat on: /topic/NAME (every subscriber gets every message), /queue/NAME, /exchange/… (default: /topic/parlor). The login and passcode come from PARLOR_STOMP_LOGIN and PARLOR_STOMP_PASSCODE.</source>
        <translation>-s v12.stomp와 함께: 대화할 브로커의 대상(destination). /topic/NAME(구독자 모두가 모든 메시지를 받음), /queue/NAME, /exchange/… (기본값: /topic/parlor). 로그인과 패스코드는 PARLOR_STOMP_LOGIN과 PARLOR_STOMP_PASSCODE에서 가져옵니다.</translation>
    </message>
    <message>
        <source>destination</source>
        <translation>대상</translation>
    </message>
    <message>
        <source>With -s v12.stomp: the broker&apos;s virtual host (STOMP&apos;s host header; default: /).</source>
        <translation>-s v12.stomp와 함께: 브로커의 가상 호스트(STOMP의 host 헤더, 기본값: /).</translation>
    </message>
    <message>
        <source>--%1 goes with -s v12.stomp.</source>
        <translation>--%1 옵션은 -s v12.stomp와 함께 써야 합니다.</translation>
    </message>
    <message>
        <source>-s v12.stomp goes alone: a STOMP broker is not a Parlor room.</source>
        <translation>-s v12.stomp는 단독으로 써야 합니다. STOMP 브로커는 Parlor 대화방이 아닙니다.</translation>
    </message>
    <message>
        <source>With -s v12.stomp, give one broker address.</source>
        <translation>-s v12.stomp에서는 브로커 주소를 하나만 주세요.</translation>
    </message>
    <message>
        <source>--%1 does not go with -s v12.stomp.</source>
        <translation>--%1 옵션은 -s v12.stomp와 함께 쓸 수 없습니다.</translation>
    </message>
    <message>
        <source>--destination takes a destination such as /topic/lobby or /queue/lobby.</source>
        <translation>--destination에는 /topic/lobby나 /queue/lobby 같은 대상을 주세요.</translation>
    </message>
</context>
<context>
    <name>CloseCodes</name>
    <message>
        <source>The connection was closed on purpose; its job was done.</source>
        <translation>할 일을 마쳐서 의도적으로 연결을 닫았습니다.</translation>
    </message>
    <message>
        <source>The server is shutting down or the other side left.</source>
        <translation>서버가 종료 중이거나 상대방이 떠났습니다.</translation>
    </message>
    <message>
        <source>The other side received a frame that breaks the WebSocket protocol.</source>
        <translation>상대방이 WebSocket 프로토콜을 어기는 프레임을 받았습니다.</translation>
    </message>
    <message>
        <source>The other side cannot accept this kind of data (for example binary).</source>
        <translation>상대방이 이런 종류의 데이터(예: 바이너리)를 받을 수 없습니다.</translation>
    </message>
    <message>
        <source>A close frame arrived without a code. Reported locally; never sent on the wire.</source>
        <translation>코드 없는 종료 프레임이 왔습니다. 로컬에서만 보고되며 실제로 전송되지 않는 코드입니다.</translation>
    </message>
    <message>
        <source>The connection dropped without a close frame (network loss, crash or proxy timeout). Reported locally; never sent on the wire.</source>
        <translation>종료 프레임 없이 연결이 끊겼습니다(네트워크 끊김, 충돌 또는 프록시 시간 초과). 로컬에서만 보고되며 실제로 전송되지 않는 코드입니다.</translation>
    </message>
    <message>
        <source>A text message was not valid UTF-8.</source>
        <translation>텍스트 메시지가 올바른 UTF-8이 아니었습니다.</translation>
    </message>
    <message>
        <source>The other side refused a message or the connection by its rules (for example a wrong password or flooding).</source>
        <translation>상대방이 규칙에 따라 메시지나 연결을 거부했습니다(예: 잘못된 비밀번호, 메시지 폭주).</translation>
    </message>
    <message>
        <source>A message was larger than the other side accepts.</source>
        <translation>메시지가 상대방이 받을 수 있는 크기보다 컸습니다.</translation>
    </message>
    <message>
        <source>The server did not offer an extension the client requires.</source>
        <translation>클라이언트에 필요한 확장을 서버가 제공하지 않았습니다.</translation>
    </message>
    <message>
        <source>The server met an unexpected condition.</source>
        <translation>서버에 예기치 않은 문제가 생겼습니다.</translation>
    </message>
    <message>
        <source>The server is restarting; reconnect shortly.</source>
        <translation>서버가 다시 시작하는 중입니다. 잠시 후 다시 연결하세요.</translation>
    </message>
    <message>
        <source>The server is overloaded or full; try again later.</source>
        <translation>서버가 과부하 상태이거나 가득 찼습니다. 나중에 다시 시도하세요.</translation>
    </message>
    <message>
        <source>A gateway or proxy got an invalid answer from the server behind it.</source>
        <translation>게이트웨이나 프록시가 뒤쪽 서버로부터 잘못된 응답을 받았습니다.</translation>
    </message>
    <message>
        <source>The TLS handshake failed (for example the certificate was not trusted). Reported locally; never sent on the wire.</source>
        <translation>TLS 핸드셰이크에 실패했습니다(예: 신뢰할 수 없는 인증서). 로컬에서만 보고되며 실제로 전송되지 않는 코드입니다.</translation>
    </message>
    <message>
        <source>A code private to the application on the other side.</source>
        <translation>상대방 애플리케이션이 자체적으로 정한 코드입니다.</translation>
    </message>
    <message>
        <source>A code registered by a library or framework.</source>
        <translation>라이브러리나 프레임워크가 등록한 코드입니다.</translation>
    </message>
    <message>
        <source>A code RFC 6455 does not define.</source>
        <translation>RFC 6455에 정의되지 않은 코드입니다.</translation>
    </message>
</context>
<context>
    <name>CloseInfo</name>
    <message>
        <source>“%1”</source>
        <translation>“%1”</translation>
    </message>
    <message>
        <source>(the server did not complete the handshake in time)</source>
        <translation>(서버가 제시간에 핸드셰이크를 마치지 않았습니다)</translation>
    </message>
    <message>
        <source>(no answer to pings: the connection is dead)</source>
        <translation>(핑에 응답이 없습니다: 연결이 끊겼습니다)</translation>
    </message>
    <message>
        <source>(the server refused the upgrade with HTTP %1)</source>
        <translation>(서버가 HTTP %1(으)로 업그레이드를 거부했습니다)</translation>
    </message>
    <message>
        <source>(untrusted certificate &quot;%1&quot;, SHA-256 %2)</source>
        <translation>(신뢰할 수 없는 인증서 &quot;%1&quot;, SHA-256 %2)</translation>
    </message>
    <message>
        <source>HTTP %1</source>
        <translation>HTTP %1</translation>
    </message>
    <message>
        <source>code %1</source>
        <translation>코드 %1</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>연결 안 됨</translation>
    </message>
    <message>
        <source>closed by you</source>
        <translation>내가 닫음</translation>
    </message>
    <message>
        <source>closed by the server</source>
        <translation>서버가 닫음</translation>
    </message>
    <message>
        <source>connection lost or failed</source>
        <translation>연결이 끊기거나 실패함</translation>
    </message>
    <message>
        <source>handshake timed out</source>
        <translation>핸드셰이크 시간 초과</translation>
    </message>
    <message>
        <source>upgrade refused</source>
        <translation>업그레이드 거부됨</translation>
    </message>
    <message>
        <source>no answer to pings</source>
        <translation>핑에 응답 없음</translation>
    </message>
    <message>
        <source>certificate not trusted</source>
        <translation>신뢰할 수 없는 인증서</translation>
    </message>
    <message>
        <source>(the %1 failed: %2)</source>
        <translation>(%1 실패: %2)</translation>
    </message>
    <message>
        <source>proxy failed</source>
        <translation>프록시 실패</translation>
    </message>
</context>
<context>
    <name>DiscoverCommand</name>
    <message>
        <source>Cannot look for rooms: %1</source>
        <translation>대화방을 찾을 수 없습니다: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n people</source>
        <translation>
            <numerusform>%n명</numerusform>
        </translation>
    </message>
    <message>
        <source>password</source>
        <translation>비밀번호</translation>
    </message>
    <message>
        <source>TLS %1</source>
        <translation>TLS %1</translation>
    </message>
    <message>
        <source>No rooms found nearby.</source>
        <translation>주변에서 찾은 대화방이 없습니다.</translation>
    </message>
</context>
<context>
    <name>EventDescription</name>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>upgrade request %1 · no subprotocol offered</source>
        <translation>업그레이드 요청 %1 · 제안한 하위 프로토콜 없음</translation>
    </message>
    <message>
        <source>upgrade request %1 · offered: %2</source>
        <translation>업그레이드 요청 %1 · 제안: %2</translation>
    </message>
    <message>
        <source>%1 Switching Protocols · no subprotocol chosen</source>
        <translation>%1 Switching Protocols · 선택된 하위 프로토콜 없음</translation>
    </message>
    <message>
        <source>%1 Switching Protocols · chosen: %2</source>
        <translation>%1 Switching Protocols · 선택: %2</translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n fragments)</source>
        <translation>
            <numerusform>%1 (조각 %n개)</numerusform>
        </translation>
    </message>
    <message>
        <source>payload %1</source>
        <translation>페이로드 %1</translation>
    </message>
    <message>
        <source>rtt %1 ms</source>
        <translation>왕복 %1ms</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>reconnect cancelled</source>
        <translation>재연결 취소됨</translation>
    </message>
    <message>
        <source>attempt %1 in %2 s, at %3</source>
        <translation>%2초 후 %3에 %1번째 시도</translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation>“%1”</translation>
    </message>
    <message>
        <source>answer to the peer&apos;s close</source>
        <translation>상대의 닫기에 대한 응답</translation>
    </message>
    <message>
        <source>State</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Handshake</source>
        <translation>핸드셰이크</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>메시지</translation>
    </message>
    <message>
        <source>Ping</source>
        <translation>핑</translation>
    </message>
    <message>
        <source>Pong</source>
        <translation>퐁</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>오류</translation>
    </message>
    <message>
        <source>Reconnect</source>
        <translation>재연결</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <source>text</source>
        <comment>WebSocket opcode</comment>
        <translation>텍스트</translation>
    </message>
    <message>
        <source>binary</source>
        <comment>WebSocket opcode</comment>
        <translation>바이너리</translation>
    </message>
    <message>
        <source>ping</source>
        <comment>WebSocket opcode</comment>
        <translation>핑</translation>
    </message>
    <message>
        <source>pong</source>
        <comment>WebSocket opcode</comment>
        <translation>퐁</translation>
    </message>
    <message>
        <source>close</source>
        <comment>WebSocket opcode</comment>
        <translation>종료</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>보냄</translation>
    </message>
    <message>
        <source>received</source>
        <translation>받음</translation>
    </message>
    <message>
        <source>local</source>
        <translation>로컬</translation>
    </message>
    <message>
        <source>to %1</source>
        <translation>대상 %1</translation>
    </message>
    <message>
        <source>none of the %1 servers could be reached</source>
        <translation>서버 %1개 모두 연결할 수 없음</translation>
    </message>
</context>
<context>
    <name>GuiMain</name>
    <message>
        <source>Your nickname.</source>
        <translation>대화명.</translation>
    </message>
    <message>
        <source>name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Host a room on this computer and join it; a port may follow (default: %1).</source>
        <translation>이 컴퓨터에 대화방을 열고 참여합니다. 뒤에 포트를 지정할 수 있습니다 (기본값: %1).</translation>
    </message>
    <message>
        <source>Give one room URL, or --host with an optional port.</source>
        <translation>대화방 URL 하나를 지정하거나, --host와 필요하면 포트를 지정하세요.</translation>
    </message>
    <message>
        <source>With --host: keep the room&apos;s history on this computer, so that it comes back when Parlor starts again (otherwise: the choice last made in Host a Room).</source>
        <translation>--host와 함께: 대화방 기록을 이 컴퓨터에 보관해 Parlor를 다시 시작해도 되살아나게 합니다 (지정하지 않으면 &apos;대화방 열기&apos;에서 마지막으로 고른 대로).</translation>
    </message>
    <message>
        <source>Chat over WebSocket: join a room on any ws:// or wss:// server, host one on your network in one click, and see what the connection does in the inspector. With no arguments Parlor goes back to the room you were in last, or hosts a room on this computer and joins it.</source>
        <translation>WebSocket으로 대화합니다: 어떤 ws:// 또는 wss:// 서버의 대화방에도 참여하고, 클릭 한 번으로 네트워크에 대화방을 열고, 연결이 하는 일을 검사기에서 봅니다. 인수 없이 실행하면 마지막으로 있던 대화방으로 돌아가거나, 이 컴퓨터에 대화방을 열고 참여합니다.</translation>
    </message>
    <message>
        <source>A room to join, e.g. ws://192.168.1.20:5870; several servers of one room separated by commas (ws://a:5870,ws://b:5870) are tried in turn.</source>
        <translation>들어갈 대화방. 예: ws://192.168.1.20:5870. 쉼표로 구분한 한 대화방의 여러 서버(ws://a:5870,ws://b:5870)는 차례로 시도합니다.</translation>
    </message>
    <message>
        <source>With a url: connect through this proxy, http://host:port (HTTP CONNECT) or socks5://host:port, with user@ before the host for a proxy that wants a login (the password comes from PARLOR_PROXY_PASSWORD, or is asked); none for a direct connection. Default: the proxy chosen for that room in Join a Room, or the system&apos;s.</source>
        <translation>url과 함께: 이 프록시를 거쳐 연결합니다. http://host:port(HTTP CONNECT) 또는 socks5://host:port이며, 로그인이 필요한 프록시는 호스트 앞에 user@를 붙입니다(비밀번호는 PARLOR_PROXY_PASSWORD에서 가져오거나 물어봅니다). none은 직접 연결입니다. 기본값: 대화방 참여에서 그 대화방에 고른 프록시, 없으면 시스템 프록시.</translation>
    </message>
    <message>
        <source>proxy</source>
        <translation>프록시</translation>
    </message>
    <message>
        <source>--proxy goes with a room URL.</source>
        <translation>--proxy는 대화방 URL과 함께 써야 합니다.</translation>
    </message>
</context>
<context>
    <name>HandshakeExplainer</name>
    <message>
        <source>Nothing accepts connections at this address and port: the server is not running, or it listens on another port.</source>
        <translation>이 주소와 포트에서 연결을 받는 것이 없습니다. 서버가 실행 중이 아니거나 다른 포트를 쓰고 있습니다.</translation>
    </message>
    <message>
        <source>The host name could not be found: check the address and the network.</source>
        <translation>호스트 이름을 찾을 수 없습니다. 주소와 네트워크를 확인하세요.</translation>
    </message>
    <message>
        <source>The server accepted the TCP connection but did not answer the WebSocket upgrade in time: it may not be a WebSocket server, or it is overloaded.</source>
        <translation>서버가 TCP 연결은 받았지만 WebSocket 업그레이드에 제시간에 응답하지 않았습니다. WebSocket 서버가 아니거나 과부하 상태일 수 있습니다.</translation>
    </message>
    <message>
        <source>An ordinary web page answered instead of a WebSocket endpoint: check the path in the address.</source>
        <translation>WebSocket 엔드포인트 대신 일반 웹 페이지가 응답했습니다. 주소의 경로를 확인하세요.</translation>
    </message>
    <message>
        <source>The server answered with a redirect, which WebSocket clients do not follow: use the address it redirects to.</source>
        <translation>서버가 리디렉션으로 응답했지만 WebSocket 클라이언트는 이를 따르지 않습니다. 리디렉션되는 주소를 쓰세요.</translation>
    </message>
    <message>
        <source>The server rejected the upgrade request. Servers do this when the subprotocol, the Origin or the WebSocket version is not what they expect.</source>
        <translation>서버가 업그레이드 요청을 거부했습니다. 하위 프로토콜, Origin 또는 WebSocket 버전이 서버가 기대한 것과 다를 때 이렇게 합니다.</translation>
    </message>
    <message>
        <source>The server requires authentication before it accepts the connection.</source>
        <translation>서버가 연결을 받기 전에 인증을 요구합니다.</translation>
    </message>
    <message>
        <source>The server refused the connection: this Origin, address or client is not allowed.</source>
        <translation>서버가 연결을 거부했습니다. 이 Origin, 주소 또는 클라이언트는 허용되지 않습니다.</translation>
    </message>
    <message>
        <source>There is no WebSocket endpoint at this path on the server.</source>
        <translation>서버의 이 경로에는 WebSocket 엔드포인트가 없습니다.</translation>
    </message>
    <message>
        <source>The server wants a WebSocket version this client does not speak.</source>
        <translation>서버가 이 클라이언트가 지원하지 않는 WebSocket 버전을 요구합니다.</translation>
    </message>
    <message>
        <source>The server turns connections away because there were too many: try again later.</source>
        <translation>연결이 너무 많아 서버가 새 연결을 받지 않습니다. 나중에 다시 시도하세요.</translation>
    </message>
    <message>
        <source>The server failed while handling the upgrade: the problem is on its side.</source>
        <translation>서버가 업그레이드를 처리하다 실패했습니다. 서버 쪽 문제입니다.</translation>
    </message>
    <message>
        <source>The server answered the upgrade with an HTTP status instead of 101 Switching Protocols.</source>
        <translation>서버가 업그레이드에 101 Switching Protocols 대신 다른 HTTP 상태로 응답했습니다.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted: it may be self-signed, expired or made for another name. Trust it only if you can check its fingerprint.</source>
        <translation>서버 인증서를 신뢰할 수 없습니다. 자체 서명되었거나 만료되었거나 다른 이름용일 수 있습니다. 지문을 확인할 수 있을 때만 신뢰하세요.</translation>
    </message>
    <message>
        <source>The server answered with a wrong Sec-WebSocket-Accept: it is not a correct WebSocket server, or something on the way alters the handshake.</source>
        <translation>서버가 잘못된 Sec-WebSocket-Accept로 응답했습니다. 올바른 WebSocket 서버가 아니거나 중간에서 핸드셰이크를 바꾸고 있습니다.</translation>
    </message>
    <message>
        <source>The server chose a subprotocol that was not offered, so the connection was failed, as RFC 6455 requires.</source>
        <translation>서버가 제안하지 않은 하위 프로토콜을 골라서, RFC 6455에 따라 연결을 실패 처리했습니다.</translation>
    </message>
    <message>
        <source>The server accepted the connection without choosing any of the offered subprotocols and closed it at once: it probably expects a subprotocol that was not offered.</source>
        <translation>서버가 제안된 하위 프로토콜을 하나도 고르지 않고 연결을 받은 뒤 바로 닫았습니다. 제안하지 않은 하위 프로토콜을 기대하는 것 같습니다.</translation>
    </message>
    <message>
        <source>No subprotocol was offered and the server dropped the connection: some servers refuse, or even crash, when a client does not offer the subprotocol they expect.</source>
        <translation>하위 프로토콜을 제안하지 않았고 서버가 연결을 끊었습니다. 어떤 서버는 기대하는 하위 프로토콜이 없으면 거부하거나 심지어 멈추기도 합니다.</translation>
    </message>
    <message>
        <source>The server closed the connection before answering the upgrade: it may not accept the offered subprotocols, the path or the Origin, or it crashed.</source>
        <translation>서버가 업그레이드에 응답하기 전에 연결을 닫았습니다. 제안한 하위 프로토콜, 경로 또는 Origin을 받지 않거나 서버가 멈췄을 수 있습니다.</translation>
    </message>
    <message>
        <source>The connection stopped answering pings: the server, or the network path to it, is gone.</source>
        <translation>연결이 핑에 응답하지 않습니다. 서버나 서버까지의 네트워크 경로가 끊겼습니다.</translation>
    </message>
    <message>
        <source>The proxy refused to connect to the server: it does not allow this address or port (many HTTP proxies tunnel to port 443 only). Choose another proxy, or &quot;none&quot; to connect directly.</source>
        <translation>프록시가 서버로의 연결을 거부했습니다: 이 주소나 포트를 허용하지 않습니다(많은 HTTP 프록시는 443 포트로만 터널을 엽니다). 다른 프록시를 고르거나 &quot;none&quot;으로 직접 연결하세요.</translation>
    </message>
    <message>
        <source>The proxy wants a user name and password: give the user in the proxy address (user@host:port) and the password when asked.</source>
        <translation>프록시가 사용자 이름과 비밀번호를 요구합니다: 프록시 주소에 사용자를 적고(user@호스트:포트) 비밀번호는 물어볼 때 입력하세요.</translation>
    </message>
    <message>
        <source>The proxy could not be reached: check its address and port, and that it is running.</source>
        <translation>프록시에 연결할 수 없습니다: 주소와 포트, 그리고 프록시가 실행 중인지 확인하세요.</translation>
    </message>
    <message>
        <source>What answered at the proxy&apos;s address does not speak that kind of proxy, or broke off: check http:// against socks5://.</source>
        <translation>프록시 주소에서 응답한 쪽이 그 종류의 프록시 프로토콜을 쓰지 않거나 연결을 끊었습니다: http://와 socks5:// 중 맞는 것인지 확인하세요.</translation>
    </message>
</context>
<context>
    <name>HandshakeHeader</name>
    <message>
        <source>&quot;%1&quot; is not a header: write it as &quot;Name: value&quot;.</source>
        <translation>&quot;%1&quot;은(는) 헤더가 아닙니다. &quot;이름: 값&quot; 형식으로 쓰세요.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid header name (letters, digits and !#$%&amp;&apos;*+-.^_`|~ only).</source>
        <translation>&quot;%1&quot;은(는) 올바른 헤더 이름이 아닙니다(영문자, 숫자와 !#$%&amp;&apos;*+-.^_`|~만 쓸 수 있습니다).</translation>
    </message>
    <message>
        <source>The value of the header &quot;%1&quot; contains a control character (such as a line break).</source>
        <translation>&quot;%1&quot; 헤더의 값에 제어 문자(줄바꿈 등)가 들어 있습니다.</translation>
    </message>
    <message>
        <source>Set the Origin header with --origin.</source>
        <translation>Origin 헤더는 --origin으로 지정하세요.</translation>
    </message>
    <message>
        <source>Offer subprotocols with --subprotocol.</source>
        <translation>하위 프로토콜은 --subprotocol로 제안하세요.</translation>
    </message>
    <message>
        <source>The header &quot;%1&quot; belongs to the WebSocket handshake and cannot be set.</source>
        <translation>&quot;%1&quot; 헤더는 WebSocket 핸드셰이크가 쓰는 것이라 지정할 수 없습니다.</translation>
    </message>
</context>
<context>
    <name>ImageThumbnail</name>
    <message>
        <source>Picture too large to show (%1 × %2)</source>
        <extracomment>%1 × %2: the width and height the picture claims, in pixels.</extracomment>
        <translation>너무 커서 보여 줄 수 없는 사진 (%1 × %2)</translation>
    </message>
    <message>
        <source>The picture is damaged</source>
        <translation>사진이 손상되었습니다</translation>
    </message>
    <message>
        <source>Not a picture Parlor can show</source>
        <translation>Parlor가 보여 줄 수 없는 사진입니다</translation>
    </message>
</context>
<context>
    <name>Parlor::ChatAnnouncer</name>
    <message>
        <source>%1 new messages</source>
        <translation>새 메시지 %1개</translation>
    </message>
    <message>
        <source>%1 new messages in %2</source>
        <translation>%2에 새 메시지 %1개</translation>
    </message>
</context>
<context>
    <name>Parlor::ChatFiles</name>
    <message>
        <source>Saved %1</source>
        <translation>%1에 저장했습니다</translation>
    </message>
    <message>
        <source>The transfer failed: %1</source>
        <translation>전송에 실패했습니다: %1</translation>
    </message>
    <message>
        <source>%1 could not be sent or received: %2</source>
        <translation>%1을(를) 보내거나 받지 못했습니다: %2</translation>
    </message>
    <message>
        <source>Save File</source>
        <translation>파일 저장</translation>
    </message>
    <message>
        <source>Could not save %1</source>
        <translation>%1에 저장하지 못했습니다</translation>
    </message>
</context>
<context>
    <name>Parlor::ChatView</name>
    <message>
        <source>Messages</source>
        <translation>메시지</translation>
    </message>
    <message>
        <source>↓ New messages: %1</source>
        <translation>↓ 새 메시지: %1</translation>
    </message>
    <message>
        <source>↓ Jump to latest</source>
        <translation>↓ 최신 메시지로</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>복사(&amp;C)</translation>
    </message>
    <message>
        <source>Copy &amp;Link Address</source>
        <translation>링크 주소 복사(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Retry Sending</source>
        <translation>다시 보내기(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Discard Message</source>
        <translation>메시지 버리기(&amp;D)</translation>
    </message>
    <message>
        <source>That message is no longer loaded.</source>
        <translation>그 메시지는 더 이상 불러와 있지 않습니다.</translation>
    </message>
    <message>
        <source>&amp;Reply</source>
        <translation>답장(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Open Picture</source>
        <translation>사진 열기(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Save As…</source>
        <translation>다른 이름으로 저장(&amp;S)…</translation>
    </message>
</context>
<context>
    <name>Parlor::CliFrontend</name>
    <message>
        <source>Cannot write the trace to %1: %2</source>
        <translation>추적 기록을 %1에 쓸 수 없습니다: %2</translation>
    </message>
    <message>
        <source>* joined &quot;%1&quot; as %2</source>
        <translation>* &quot;%1&quot;에 %2(으)로 참여했습니다</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a ws:// or wss:// URL.</source>
        <translation>&quot;%1&quot;은(는) ws:// 또는 wss:// URL이 아닙니다.</translation>
    </message>
    <message>
        <source>* connecting to %1</source>
        <translation>* %1에 연결하는 중</translation>
    </message>
    <message>
        <source>* connected (no subprotocol: plain mode)</source>
        <translation>* 연결됨 (하위 프로토콜 없음: 일반 텍스트 모드)</translation>
    </message>
    <message>
        <source>* connected (%1)</source>
        <translation>* 연결됨 (%1)</translation>
    </message>
    <message>
        <source>* closing</source>
        <translation>* 닫는 중</translation>
    </message>
    <message>
        <source>* closed: %1</source>
        <translation>* 닫힘: %1</translation>
    </message>
    <message>
        <source>reconnecting in %1 s</source>
        <translation>%1초 후 다시 연결</translation>
    </message>
    <message>
        <source>* %1 joined</source>
        <translation>* %1 님이 들어왔습니다</translation>
    </message>
    <message>
        <source>* %1 left (%2)</source>
        <translation>* %1 님이 나갔습니다 (%2)</translation>
    </message>
    <message>
        <source>* %1 is now %2</source>
        <translation>* %1 님의 대화명이 %2(으)로 바뀌었습니다</translation>
    </message>
    <message>
        <source>* some earlier messages are no longer available</source>
        <translation>* 이전 메시지 중 일부는 더 이상 볼 수 없습니다</translation>
    </message>
    <message>
        <source>* not delivered: &quot;%1&quot; (%2)</source>
        <translation>* 전달되지 않음: &quot;%1&quot; (%2)</translation>
    </message>
    <message>
        <source>* the room says: %1 (%2)</source>
        <translation>* 대화방 알림: %1 (%2)</translation>
    </message>
    <message>
        <source>* in the room: %1</source>
        <translation>* 대화방에 있는 사람: %1</translation>
    </message>
    <message>
        <source>* if the room&apos;s host confirms this fingerprint, join with --trust %1</source>
        <translation>* 대화방 호스트가 이 지문을 확인해 주면 --trust %1 로 참여하세요</translation>
    </message>
    <message>
        <source>* connected to %1 (no subprotocol: plain mode)</source>
        <translation>* %1에 연결됨 (서브프로토콜 없음: 일반 모드)</translation>
    </message>
    <message>
        <source>* connected to %1 (%2)</source>
        <translation>* %1에 연결됨 (%2)</translation>
    </message>
    <message>
        <source>none of the %1 servers could be reached; trying %2 again in %3 s</source>
        <translation>서버 %1개 모두 연결할 수 없습니다. %3초 후 %2에 다시 시도</translation>
    </message>
    <message>
        <source>reconnecting to %1 in %2 s</source>
        <translation>%2초 후 %1에 다시 연결</translation>
    </message>
    <message>
        <source>* connecting to %1 %2</source>
        <translation>* %1에 연결하는 중 (%2)</translation>
    </message>
    <message>
        <source>* usage: /reply SEQ TEXT (the seq of the message you answer)</source>
        <translation>* 사용법: /reply 번호 내용 (답할 메시지의 seq 번호)</translation>
    </message>
    <message>
        <source>[%1] %2 ↳ #%3 (no longer available)</source>
        <translation>[%1] %2 ↳ #%3 (더 이상 볼 수 없음)</translation>
    </message>
    <message>
        <source>[%1] %2 ↳ %3 #%4: %5</source>
        <translation>[%1] %2 ↳ %3 #%4: %5</translation>
    </message>
    <message>
        <source>* file not shared: %1</source>
        <translation>* 파일을 공유하지 못했습니다: %1</translation>
    </message>
    <message>
        <source>* usage: /share PATH (the file to share with the room)</source>
        <translation>* 사용법: /share 경로 (방과 공유할 파일)</translation>
    </message>
    <message>
        <source>[file] %1 (%2)</source>
        <extracomment>A shared file in parlor-cli&apos;s output: %1 its name, %2 its size (&quot;1.2 MB&quot;)</extracomment>
        <translation>[파일] %1 (%2)</translation>
    </message>
    <message>
        <source>* sending %1: %2%</source>
        <translation>* %1 보내는 중: %2%</translation>
    </message>
    <message>
        <source>* %1 joined, %2 left (too many to name)</source>
        <extracomment>A storm of joins and leaves, counted instead of named: %1 joined, %2 left</extracomment>
        <translation>* %1명 들어옴, %2명 나감 (너무 많아 이름은 생략)</translation>
    </message>
    <message>
        <source>* %1 joined (too many to name)</source>
        <extracomment>A storm of joins, counted instead of named: %1 people joined</extracomment>
        <translation>* %1명 들어옴 (너무 많아 이름은 생략)</translation>
    </message>
    <message>
        <source>* %1 left (too many to name)</source>
        <extracomment>A storm of leaves, counted instead of named: %1 people left</extracomment>
        <translation>* %1명 나감 (너무 많아 이름은 생략)</translation>
    </message>
</context>
<context>
    <name>Parlor::CloseCodeDialog</name>
    <message>
        <source>&amp;Code:</source>
        <translation>코드(&amp;C):</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>이유(&amp;R):</translation>
    </message>
    <message>
        <source>%1 may not be sent on the wire.</source>
        <translation>%1은(는) 전송할 수 없는 코드입니다.</translation>
    </message>
    <message>
        <source>Qt 6.4 clients, Parlor among them, report this code as 1002.</source>
        <translation>Parlor를 비롯한 Qt 6.4 클라이언트는 이 코드를 1002로 보고합니다.</translation>
    </message>
    <message>
        <source>%1 of %2 bytes</source>
        <translation>%1 / %2바이트</translation>
    </message>
    <message>
        <source>%1 bytes: a close frame carries at most %2</source>
        <translation>%1바이트: 닫기 프레임에는 최대 %2바이트까지 담을 수 있습니다</translation>
    </message>
</context>
<context>
    <name>Parlor::ComposeEdit</name>
    <message>
        <source>Write a message…</source>
        <translation>메시지를 입력하세요…</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>메시지</translation>
    </message>
    <message>
        <source>pasted image %1.png</source>
        <extracomment>The name of a picture pasted into the compose box; %1 is the date and time.</extracomment>
        <translation>붙여넣은 이미지 %1.png</translation>
    </message>
</context>
<context>
    <name>Parlor::ConnectDialog</name>
    <message>
        <source>Join a Room</source>
        <translation>대화방 참여</translation>
    </message>
    <message>
        <source>Room address</source>
        <translation>대화방 주소</translation>
    </message>
    <message>
        <source>Room &amp;address:</source>
        <translation>대화방 주소(&amp;A):</translation>
    </message>
    <message>
        <source>Nickname</source>
        <translation>대화명</translation>
    </message>
    <message>
        <source>&amp;Nickname:</source>
        <translation>대화명(&amp;N):</translation>
    </message>
    <message>
        <source>Subprotocols to offer, most preferred first</source>
        <translation>제안할 하위 프로토콜 (선호하는 순서)</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>위로</translation>
    </message>
    <message>
        <source>Move subprotocol up</source>
        <translation>하위 프로토콜을 위로 이동</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>아래로</translation>
    </message>
    <message>
        <source>Move subprotocol down</source>
        <translation>하위 프로토콜을 아래로 이동</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>삭제</translation>
    </message>
    <message>
        <source>Add a subprotocol…</source>
        <translation>하위 프로토콜 추가…</translation>
    </message>
    <message>
        <source>New subprotocol</source>
        <translation>새 하위 프로토콜</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>추가</translation>
    </message>
    <message>
        <source>Offered in this order. parlor.v1 gives nicknames, presence and history; any other subprotocol means plain text.</source>
        <translation>이 순서대로 제안합니다. parlor.v1은 대화명, 참여자 목록, 기록을 제공하고, 다른 하위 프로토콜은 일반 텍스트로 주고받습니다.</translation>
    </message>
    <message>
        <source>&amp;Subprotocols:</source>
        <translation>하위 프로토콜(&amp;S):</translation>
    </message>
    <message>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>Origin header</source>
        <translation>Origin 헤더</translation>
    </message>
    <message>
        <source>&amp;Origin (optional):</source>
        <translation>Origin(선택)(&amp;O):</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>문제</translation>
    </message>
    <message>
        <source>&amp;Join</source>
        <translation>참여(&amp;J)</translation>
    </message>
    <message>
        <source>Enter the address of a room, for example ws://192.168.1.20:5870.</source>
        <translation>대화방 주소를 입력하세요. 예: ws://192.168.1.20:5870</translation>
    </message>
    <message>
        <source>This is not a valid address.</source>
        <translation>올바른 주소가 아닙니다.</translation>
    </message>
    <message>
        <source>Use ws:// (or wss:// for an encrypted connection) instead of %1://.</source>
        <translation>%1:// 대신 ws://(암호화된 연결은 wss://)를 쓰세요.</translation>
    </message>
    <message>
        <source>The address must start with ws:// or wss://.</source>
        <translation>주소는 ws:// 또는 wss://로 시작해야 합니다.</translation>
    </message>
    <message>
        <source>The address has no host name.</source>
        <translation>주소에 호스트 이름이 없습니다.</translation>
    </message>
    <message>
        <source>Choose a nickname.</source>
        <translation>대화명을 정하세요.</translation>
    </message>
    <message>
        <source>A nickname can have at most %1 characters.</source>
        <translation>대화명은 최대 %1자까지 쓸 수 있습니다.</translation>
    </message>
    <message>
        <source>A nickname cannot start or end with a space.</source>
        <translation>대화명은 공백으로 시작하거나 끝날 수 없습니다.</translation>
    </message>
    <message>
        <source>A nickname cannot contain control or invisible characters.</source>
        <translation>대화명에는 제어 문자나 보이지 않는 문자를 쓸 수 없습니다.</translation>
    </message>
    <message>
        <source>Rooms nearby</source>
        <translation>주변 대화방</translation>
    </message>
    <message>
        <source>Rooms announced on your network. Double-click or press Enter to join one.</source>
        <translation>네트워크에 알려진 대화방입니다. 두 번 클릭하거나 Enter를 눌러 참여하세요.</translation>
    </message>
    <message>
        <source>Rooms &amp;nearby:</source>
        <translation>주변 대화방(&amp;N):</translation>
    </message>
    <message>
        <source>Cannot look for rooms nearby: %1</source>
        <translation>주변 대화방을 찾을 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Looking for rooms on your network… Rooms hosted with Parlor appear here; for others, type the address.</source>
        <translation>네트워크에서 대화방을 찾는 중… Parlor로 연 대화방이 여기에 나타납니다. 다른 대화방은 주소를 입력하세요.</translation>
    </message>
    <message>
        <source>Double-click a room to join it.</source>
        <translation>대화방을 두 번 클릭하면 참여합니다.</translation>
    </message>
    <message>
        <source>The room&apos;s address. A room served by several servers: their addresses separated by commas, tried in turn when one is lost.</source>
        <translation>대화방 주소. 여러 서버가 있는 대화방은 서버 주소를 쉼표로 구분해 적으면, 한 서버와 연결이 끊길 때 차례로 다음 서버에 연결합니다.</translation>
    </message>
    <message>
        <source>The list of servers has an empty entry (two commas in a row, or a comma at the start or end).</source>
        <translation>서버 목록에 빈 항목이 있습니다 (쉼표가 두 개 연달아 있거나, 맨 앞이나 맨 끝에 쉼표가 있습니다).</translation>
    </message>
    <message>
        <source>“%1”: %2</source>
        <translation>“%1”: %2</translation>
    </message>
    <message>
        <source>system</source>
        <translation>시스템</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>프록시</translation>
    </message>
    <message>
        <source>How to reach the room: empty for the system&apos;s proxy (never used for localhost), none to connect directly, or http://host:port or socks5://host:port. A proxy that wants a login: user@host:port, and the password when asked. Remembered for this room.</source>
        <translation>방에 연결하는 방법: 비워 두면 시스템 프록시(localhost에는 쓰지 않음), none은 직접 연결, 또는 http://호스트:포트나 socks5://호스트:포트. 로그인이 필요한 프록시: user@호스트:포트로 적고, 비밀번호는 물어볼 때 입력합니다. 이 방에 대해 기억됩니다.</translation>
    </message>
    <message>
        <source>&amp;Proxy (optional):</source>
        <translation>프록시(선택)(&amp;P):</translation>
    </message>
    <message>
        <source>A Parlor room or another WebSocket server</source>
        <translation>Parlor 대화방 또는 다른 WebSocket 서버</translation>
    </message>
    <message>
        <source>A STOMP broker (RabbitMQ Web-STOMP and others)</source>
        <translation>STOMP 브로커(RabbitMQ Web-STOMP 등)</translation>
    </message>
    <message>
        <source>What to join</source>
        <translation>참여할 곳</translation>
    </message>
    <message>
        <source>&amp;Join:</source>
        <translation>참여할 곳(&amp;J):</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>목적지</translation>
    </message>
    <message>
        <source>Where the lines go on the broker: /topic/NAME gives every line to everyone there; /queue/NAME gives each line to one reader.</source>
        <translation>브로커에서 줄이 가는 곳: /topic/이름은 모든 줄을 거기 있는 모두에게, /queue/이름은 각 줄을 한 사람에게 줍니다.</translation>
    </message>
    <message>
        <source>&amp;Destination:</source>
        <translation>목적지(&amp;D):</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>로그인</translation>
    </message>
    <message>
        <source>&amp;Login (optional):</source>
        <translation>로그인(선택, &amp;L):</translation>
    </message>
    <message>
        <source>Passcode</source>
        <translation>암호</translation>
    </message>
    <message>
        <source>Sent to the broker only; never stored.</source>
        <translation>브로커에게만 보내고 저장하지 않습니다.</translation>
    </message>
    <message>
        <source>Pass&amp;code:</source>
        <translation>암호(&amp;C):</translation>
    </message>
    <message>
        <source>Virtual host</source>
        <translation>가상 호스트</translation>
    </message>
    <message>
        <source>&amp;Virtual host:</source>
        <translation>가상 호스트(&amp;V):</translation>
    </message>
    <message>
        <source>Enter a destination, for example /topic/parlor.</source>
        <translation>목적지를 입력하세요. 예: /topic/parlor</translation>
    </message>
    <message>
        <source>A destination cannot contain control or invisible characters.</source>
        <translation>목적지에는 제어 문자나 보이지 않는 문자를 쓸 수 없습니다.</translation>
    </message>
    <message>
        <source>A broker keeps no member list and no history for Parlor:
you see the lines sent while you are there.</source>
        <translation>브로커는 Parlor를 위해 참여자 목록이나 기록을 남기지 않습니다.
참여해 있는 동안 보낸 줄만 보입니다.</translation>
    </message>
    <message>
        <source>Broker &amp;address:</source>
        <translation>브로커 주소(&amp;A):</translation>
    </message>
</context>
<context>
    <name>Parlor::ConnectionBadge</name>
    <message>
        <source>CONNECTING</source>
        <translation>연결 중</translation>
    </message>
    <message>
        <source>OPEN</source>
        <translation>연결됨</translation>
    </message>
    <message>
        <source>CLOSING</source>
        <translation>닫는 중</translation>
    </message>
    <message>
        <source>RECONNECTING</source>
        <translation>재연결 대기</translation>
    </message>
    <message>
        <source>CLOSED</source>
        <translation>닫힘</translation>
    </message>
    <message>
        <source>Connection: %1</source>
        <translation>연결 상태: %1</translation>
    </message>
</context>
<context>
    <name>Parlor::ConnectionStatus</name>
    <message>
        <source>Try Now</source>
        <translation>지금 연결</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>연결 안 됨</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>연결하는 중…</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>연결됨</translation>
    </message>
    <message>
        <source>Joining…</source>
        <translation>참여하는 중…</translation>
    </message>
    <message>
        <source>Closing…</source>
        <translation>닫는 중…</translation>
    </message>
    <message>
        <source>Reconnecting in %1 s</source>
        <translation>%1초 후 다시 연결</translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation>연결 끊김</translation>
    </message>
    <message>
        <source>waiting to be sent: %1</source>
        <translation>보내기 대기: %1</translation>
    </message>
</context>
<context>
    <name>Parlor::EventLogModel</name>
    <message>
        <source>Time</source>
        <translation>시각</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>방향</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>종류</translation>
    </message>
    <message>
        <source>Opcode</source>
        <translation>Opcode</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>크기</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>요약</translation>
    </message>
</context>
<context>
    <name>Parlor::FileStore</name>
    <message>
        <source>Cannot create the directory %1 for shared files.</source>
        <translation>공유 파일을 둘 디렉터리 %1을(를) 만들 수 없습니다.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1에 쓸 수 없습니다: %2</translation>
    </message>
</context>
<context>
    <name>Parlor::FindBar</name>
    <message>
        <source>No matches</source>
        <translation>일치 항목 없음</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%2개 중 %1번째</translation>
    </message>
    <message>
        <source>Find in the chat</source>
        <translation>대화에서 찾기</translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter)</source>
        <translation>이전 항목 (Shift+Enter)</translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation>이전 항목</translation>
    </message>
    <message>
        <source>Next match (Enter)</source>
        <translation>다음 항목 (Enter)</translation>
    </message>
    <message>
        <source>Next match</source>
        <translation>다음 항목</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>닫기 (Esc)</translation>
    </message>
    <message>
        <source>Close the find bar</source>
        <translation>찾기 막대 닫기</translation>
    </message>
    <message>
        <source>Clear the search</source>
        <translation>검색어 지우기</translation>
    </message>
</context>
<context>
    <name>Parlor::FrameFilter</name>
    <message>
        <source>Invalid regular expression at position %1: %2</source>
        <translation>정규 표현식이 %1번째 위치에서 잘못되었습니다: %2</translation>
    </message>
</context>
<context>
    <name>Parlor::FramesPage</name>
    <message>
        <source>Both ways</source>
        <translation>양방향</translation>
    </message>
    <message>
        <source>↓ Received</source>
        <translation>↓ 받음</translation>
    </message>
    <message>
        <source>↑ Sent</source>
        <translation>↑ 보냄</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>방향</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>전체</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>메시지</translation>
    </message>
    <message>
        <source>Control frames</source>
        <translation>제어 프레임</translation>
    </message>
    <message>
        <source>States and errors</source>
        <translation>상태와 오류</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>종류</translation>
    </message>
    <message>
        <source>Filter…</source>
        <translation>필터…</translation>
    </message>
    <message>
        <source>Filter text</source>
        <translation>필터 텍스트</translation>
    </message>
    <message>
        <source>Re&amp;gex</source>
        <translation>정규식(&amp;G)</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>일시 정지</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>지우기</translation>
    </message>
    <message>
        <source>Frames</source>
        <translation>프레임</translation>
    </message>
    <message>
        <source>Select a frame to see it in full.</source>
        <translation>프레임을 고르면 전체 내용을 보여 줍니다.</translation>
    </message>
    <message>
        <source>Frame details</source>
        <translation>프레임 상세</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>계속</translation>
    </message>
    <message>
        <source>(the preview is shortened; the message was larger)</source>
        <translation>(미리 보기가 잘렸습니다. 실제 메시지는 더 깁니다)</translation>
    </message>
    <message>
        <source>paused: %1 new events not shown</source>
        <translation>일시 정지: 새 이벤트 %1개 숨김</translation>
    </message>
    <message>
        <source>%1 older events dropped</source>
        <translation>오래된 이벤트 %1개 버려짐</translation>
    </message>
    <message>
        <source>%1 of %2 shown</source>
        <translation>%2개 중 %1개 표시</translation>
    </message>
    <message>
        <source>Clear the filter</source>
        <translation>필터 지우기</translation>
    </message>
</context>
<context>
    <name>Parlor::HandshakePage</name>
    <message>
        <source>Handshake</source>
        <translation>핸드셰이크</translation>
    </message>
    <message>
        <source>Sec-WebSocket-Key</source>
        <translation>Sec-WebSocket-Key</translation>
    </message>
    <message>
        <source>Sec-WebSocket-Accept</source>
        <translation>Sec-WebSocket-Accept</translation>
    </message>
    <message>
        <source>type a key to see the accept a server must answer</source>
        <translation>키를 입력하면 서버가 답해야 할 accept 값을 보여 줍니다</translation>
    </message>
    <message>
        <source>Sec-WebSocket-&amp;Key:</source>
        <translation>Sec-WebSocket-Key(&amp;K):</translation>
    </message>
    <message>
        <source>Sec-WebSocket-Accept:</source>
        <translation>Sec-WebSocket-Accept:</translation>
    </message>
    <message>
        <source>Accept = base64(SHA-1(key + 258EAFA5-E914-47DA-95CA-C5AB0DC85B11)), RFC 6455 section 4.2.2.</source>
        <translation>Accept = base64(SHA-1(키 + 258EAFA5-E914-47DA-95CA-C5AB0DC85B11)), RFC 6455 4.2.2절.</translation>
    </message>
    <message>
        <source>No handshake yet.</source>
        <translation>아직 핸드셰이크가 없습니다.</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>요청</translation>
    </message>
    <message>
        <source>Subprotocol</source>
        <translation>하위 프로토콜</translation>
    </message>
    <message>
        <source>Offered, in order</source>
        <translation>제안 (순서대로)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>Chosen by the server</source>
        <translation>서버가 선택</translation>
    </message>
    <message>
        <source>(no answer yet)</source>
        <translation>(아직 응답 없음)</translation>
    </message>
    <message>
        <source>Why it failed</source>
        <translation>실패한 이유</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>인증서</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Route: %1</source>
        <translation>경로: %1</translation>
    </message>
</context>
<context>
    <name>Parlor::HealthPage</name>
    <message>
        <source>Messages in / out:</source>
        <translation>받은 / 보낸 메시지:</translation>
    </message>
    <message>
        <source>Bytes in / out:</source>
        <translation>받은 / 보낸 바이트:</translation>
    </message>
    <message>
        <source>Pings / pongs:</source>
        <translation>핑 / 퐁:</translation>
    </message>
    <message>
        <source>Round trip now:</source>
        <translation>현재 왕복 시간:</translation>
    </message>
    <message>
        <source>Min / mean / max:</source>
        <translation>최소 / 평균 / 최대:</translation>
    </message>
    <message>
        <source>Last frame:</source>
        <translation>마지막 프레임:</translation>
    </message>
    <message>
        <source>Reconnects:</source>
        <translation>재연결:</translation>
    </message>
    <message>
        <source>Errors:</source>
        <translation>오류:</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1ms</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>%1 / %2 / %3</source>
        <translation>%1 / %2 / %3</translation>
    </message>
    <message>
        <source>%1 ago</source>
        <translation>%1 전</translation>
    </message>
</context>
<context>
    <name>Parlor::HostBanner</name>
    <message>
        <source>You are hosting &lt;b&gt;%1&lt;/b&gt;. Only this computer can join.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; 대화방을 열었습니다. 이 컴퓨터에서만 참여할 수 있습니다.</translation>
    </message>
    <message>
        <source>You are hosting &lt;b&gt;%1&lt;/b&gt;. No network was found, so for now only this computer can join.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; 대화방을 열었습니다. 네트워크를 찾지 못해 지금은 이 컴퓨터에서만 참여할 수 있습니다.</translation>
    </message>
    <message>
        <source>You are hosting &lt;b&gt;%1&lt;/b&gt; — others on your network can join at:</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; 대화방을 열었습니다 — 같은 네트워크의 사람들은 다음 주소로 참여할 수 있습니다:</translation>
    </message>
    <message>
        <source>in a browser: </source>
        <translation>브라우저에서: </translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>복사</translation>
    </message>
    <message>
        <source>Copy %1</source>
        <translation>%1 복사</translation>
    </message>
    <message>
        <source>This room keeps its history on this computer, in %1.</source>
        <translation>이 대화방은 기록을 이 컴퓨터의 %1에 보관합니다.</translation>
    </message>
    <message>
        <source>Connections are encrypted. People asked to trust this room&apos;s certificate should see the SHA-256 fingerprint %1</source>
        <translation>연결이 암호화됩니다. 이 대화방의 인증서를 신뢰할지 묻는 사람에게는 다음 SHA-256 지문이 보여야 합니다 %1</translation>
    </message>
    <message>
        <source>Certificate fingerprint %1</source>
        <translation>인증서 지문 %1</translation>
    </message>
    <message>
        <source>Show QR code</source>
        <translation>QR 코드 보기</translation>
    </message>
    <message>
        <source>Show the code large, for a projector or a shared screen</source>
        <translation>프로젝터나 공유 화면에 띄우도록 코드를 크게 보여 줍니다</translation>
    </message>
    <message>
        <source>QR code of %1</source>
        <translation>%1의 QR 코드</translation>
    </message>
    <message>
        <source>A phone can scan the code to open the room in its browser.</source>
        <translation>휴대폰으로 코드를 스캔하면 브라우저에서 대화방이 열립니다.</translation>
    </message>
    <message>
        <source>No QR code: phones cannot join a room that only this computer can reach. Host it on your network to show one.</source>
        <translation>QR 코드 없음: 이 컴퓨터만 접속할 수 있는 대화방에는 휴대폰이 참여할 수 없습니다. 네트워크에 대화방을 열면 코드가 표시됩니다.</translation>
    </message>
    <message>
        <source>No QR code: this computer has no network address a phone could reach yet.</source>
        <translation>QR 코드 없음: 이 컴퓨터에는 아직 휴대폰이 접속할 수 있는 네트워크 주소가 없습니다.</translation>
    </message>
    <message>
        <source>No QR code: this room has no page for browsers.</source>
        <translation>QR 코드 없음: 이 대화방에는 브라우저용 페이지가 없습니다.</translation>
    </message>
    <message>
        <source>No QR code: %1</source>
        <translation>QR 코드 없음: %1</translation>
    </message>
</context>
<context>
    <name>Parlor::HostDialog</name>
    <message>
        <source>Host a Room</source>
        <translation>대화방 열기</translation>
    </message>
    <message>
        <source>Room name</source>
        <translation>대화방 이름</translation>
    </message>
    <message>
        <source>Room &amp;name:</source>
        <translation>대화방 이름(&amp;N):</translation>
    </message>
    <message>
        <source>any free port</source>
        <translation>빈 포트 자동 선택</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>포트</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>포트(&amp;P):</translation>
    </message>
    <message>
        <source>Everyone on my &amp;network</source>
        <translation>내 네트워크의 모든 사람(&amp;N)</translation>
    </message>
    <message>
        <source>Only this &amp;computer</source>
        <translation>이 컴퓨터만(&amp;C)</translation>
    </message>
    <message>
        <source>Who can join:</source>
        <translation>참여할 수 있는 사람:</translation>
    </message>
    <message>
        <source>no password</source>
        <translation>비밀번호 없음</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>비밀번호</translation>
    </message>
    <message>
        <source>Pass&amp;word (optional):</source>
        <translation>비밀번호(선택)(&amp;W):</translation>
    </message>
    <message>
        <source>Maximum people</source>
        <translation>최대 인원</translation>
    </message>
    <message>
        <source>&amp;Maximum people:</source>
        <translation>최대 인원(&amp;M):</translation>
    </message>
    <message>
        <source> events</source>
        <translation>개 이벤트</translation>
    </message>
    <message>
        <source>History kept</source>
        <translation>보관할 기록</translation>
    </message>
    <message>
        <source>&amp;History kept:</source>
        <translation>보관할 기록(&amp;H):</translation>
    </message>
    <message>
        <source>Messages travel unencrypted (ws://) on your network. The room closes when you stop hosting or quit Parlor.</source>
        <translation>메시지는 네트워크에서 암호화되지 않은 채(ws://) 전송됩니다. 대화방 열기를 멈추거나 Parlor를 끝내면 대화방이 닫힙니다.</translation>
    </message>
    <message>
        <source>&amp;Start Hosting</source>
        <translation>대화방 열기(&amp;S)</translation>
    </message>
    <message>
        <source>Parlor room</source>
        <translation>Parlor 대화방</translation>
    </message>
    <message>
        <source>%1&apos;s room</source>
        <translation>%1의 대화방</translation>
    </message>
    <message>
        <source>&amp;Keep history on this computer</source>
        <translation>이 컴퓨터에 기록 보관(&amp;K)</translation>
    </message>
    <message>
        <source>Keep history on this computer</source>
        <translation>이 컴퓨터에 기록 보관</translation>
    </message>
    <message>
        <source>Messages stay when you stop hosting or quit Parlor, and come back when you host a room of the same name again. They are kept in %1.</source>
        <translation>대화방을 닫거나 Parlor를 종료해도 메시지가 남아 있다가, 같은 이름의 대화방을 다시 열면 돌아옵니다. 보관 위치: %1</translation>
    </message>
    <message>
        <source>&amp;Encrypt connections (wss://)</source>
        <translation>연결 암호화(wss://)(&amp;E)</translation>
    </message>
    <message>
        <source>Encrypt connections</source>
        <translation>연결 암호화</translation>
    </message>
    <message>
        <source>Messages and the password are encrypted. Parlor makes a certificate for this computer once; people joining are asked to trust it the first time — its fingerprint is shown in the banner for them to compare.</source>
        <translation>메시지와 비밀번호가 암호화됩니다. Parlor가 이 컴퓨터의 인증서를 한 번 만들고, 참여하는 사람은 처음에 그 인증서를 신뢰할지 질문을 받습니다 — 비교할 수 있도록 지문이 배너에 표시됩니다.</translation>
    </message>
    <message>
        <source>&amp;Let people nearby find it</source>
        <translation>주변 사람이 찾을 수 있게 하기(&amp;L)</translation>
    </message>
    <message>
        <source>Let people nearby find the room</source>
        <translation>주변 사람이 대화방을 찾을 수 있게 하기</translation>
    </message>
    <message>
        <source>The room appears in the Join a Room dialog of Parlor on other computers of your network, and in parlor-cli --discover. Turn it off to share the address yourself.</source>
        <translation>대화방이 네트워크의 다른 컴퓨터에서 Parlor의 대화방 참여 창과 parlor-cli --discover에 나타납니다. 끄면 주소를 직접 알려 주어야 합니다.</translation>
    </message>
</context>
<context>
    <name>Parlor::InspectorPanel</name>
    <message>
        <source>Inspector</source>
        <translation>검사기</translation>
    </message>
    <message>
        <source>Ping</source>
        <translation>핑</translation>
    </message>
    <message>
        <source>Send a ping now and measure the round trip</source>
        <translation>지금 핑을 보내 왕복 시간을 잽니다</translation>
    </message>
    <message>
        <source>Close…</source>
        <translation>닫기…</translation>
    </message>
    <message>
        <source>Close the connection with a code and reason of your choice</source>
        <translation>원하는 코드와 이유로 연결을 닫습니다</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>내보내기…</translation>
    </message>
    <message>
        <source>Save the session&apos;s events as JSON Lines</source>
        <translation>세션의 이벤트를 JSON Lines로 저장합니다</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>타임라인</translation>
    </message>
    <message>
        <source>Handshake</source>
        <translation>핸드셰이크</translation>
    </message>
    <message>
        <source>Frames</source>
        <translation>프레임</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>상태 점검</translation>
    </message>
    <message>
        <source>No connection.</source>
        <translation>연결 없음.</translation>
    </message>
    <message>
        <source>Close the Connection</source>
        <translation>연결 닫기</translation>
    </message>
    <message>
        <source>Close Connection</source>
        <translation>연결 닫기</translation>
    </message>
    <message>
        <source>Export the Session</source>
        <translation>세션 내보내기</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl);;All files (*)</source>
        <translation>JSON Lines (*.jsonl);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1에 쓸 수 없습니다: %2</translation>
    </message>
    <message>
        <source>Peers (%1)</source>
        <translation>접속자 (%1)</translation>
    </message>
</context>
<context>
    <name>Parlor::MainWindow</name>
    <message>
        <source>Parlor</source>
        <translation>Parlor</translation>
    </message>
    <message>
        <source>&amp;Room</source>
        <translation>대화방(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Join a Room…</source>
        <translation>대화방 참여(&amp;J)…</translation>
    </message>
    <message>
        <source>&amp;Host a Room…</source>
        <translation>대화방 열기(&amp;H)…</translation>
    </message>
    <message>
        <source>&amp;Stop Hosting</source>
        <translation>대화방 닫기(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Leave Room</source>
        <translation>대화방 나가기(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Reconnect Now</source>
        <translation>지금 다시 연결(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>편집(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>복사(&amp;C)</translation>
    </message>
    <message>
        <source>C&amp;lear Chat</source>
        <translation>대화 지우기(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>환경 설정(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;People in the Room</source>
        <translation>대화방의 사람들(&amp;P)</translation>
    </message>
    <message>
        <source>Jump to &amp;Latest</source>
        <translation>최신 메시지로(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Write a Message</source>
        <translation>메시지 쓰기(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Commands</source>
        <translation>명령어(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;About Parlor</source>
        <translation>Parlor 정보(&amp;A)</translation>
    </message>
    <message>
        <source>About Parlor</source>
        <translation>Parlor 정보</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Parlor %1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Chat over WebSocket: join a room, host one on your network, and see what the connection is doing.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Parlor %1&lt;/b&gt;&lt;/p&gt;&lt;p&gt;WebSocket으로 대화하세요. 대화방에 참여하거나, 네트워크에 대화방을 열고, 연결이 무엇을 하는지 살펴볼 수 있습니다.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Could not host the room on port %1: %2</source>
        <translation>포트 %1에서 대화방을 열 수 없습니다: %2</translation>
    </message>
    <message>
        <source>The room refused the password.</source>
        <translation>대화방이 비밀번호를 거부했습니다.</translation>
    </message>
    <message>
        <source>The room refused the nickname: %1</source>
        <translation>대화방이 대화명을 거부했습니다: %1</translation>
    </message>
    <message>
        <source>Disconnected: %1</source>
        <translation>연결 끊김: %1</translation>
    </message>
    <message>
        <source>people here: %1</source>
        <translation>참여자: %1</translation>
    </message>
    <message>
        <source>hosting on port %1</source>
        <translation>포트 %1에서 대화방 여는 중</translation>
    </message>
    <message>
        <source>Parlor — %1</source>
        <translation>Parlor — %1</translation>
    </message>
    <message>
        <source>You are not in a room. Join one (Ctrl+K) or host one (Ctrl+H).</source>
        <translation>대화방에 있지 않습니다. 대화방에 참여하거나(Ctrl+K) 대화방을 여세요(Ctrl+H).</translation>
    </message>
    <message>
        <source>Unknown command %1. Type /help for the list.</source>
        <translation>알 수 없는 명령어 %1입니다. /help를 입력하면 목록을 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>&amp;Inspector</source>
        <translation>검사기(&amp;I)</translation>
    </message>
    <message>
        <source>You stopped hosting the room; everyone in it was told the room closed.</source>
        <translation>대화방 열기를 멈췄습니다. 대화방의 모든 사람에게 대화방이 닫혔다고 알렸습니다.</translation>
    </message>
    <message>
        <source>The room&apos;s host removed you from the room.</source>
        <translation>방 호스트가 나를 방에서 강퇴했습니다.</translation>
    </message>
    <message>
        <source>The room&apos;s host removed you from the room: “%1”.</source>
        <translation>방 호스트가 나를 방에서 강퇴했습니다: “%1”.</translation>
    </message>
    <message>
        <source>The room was not started: its history cannot be kept in %1 (%2). Free some space or fix the folder, or host the room without “Keep history on this computer”.</source>
        <translation>대화방을 열지 못했습니다. %1에 기록을 보관할 수 없습니다 (%2). 디스크 공간을 확보하거나 폴더를 고치세요. 아니면 ‘이 컴퓨터에 기록 보관’을 끄고 대화방을 여세요.</translation>
    </message>
    <message>
        <source>Your unsent messages could not be read back: the file that held them is damaged. It was kept in %1.</source>
        <translation>보내지 못한 메시지를 다시 읽을 수 없습니다. 메시지를 담고 있던 파일이 손상되었습니다. 손상된 파일은 %1에 남겨 두었습니다.</translation>
    </message>
    <message numerus="yes">
        <source>%n unsent message(s) could not be read back (the file that held them is damaged); the others are here. The damaged file was kept in %1.</source>
        <translation>
            <numerusform>보내지 못한 메시지 %n개를 다시 읽을 수 없습니다 (메시지를 담고 있던 파일이 손상되었습니다). 나머지 메시지는 그대로 있습니다. 손상된 파일은 %1에 남겨 두었습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>찾기(&amp;F)…</translation>
    </message>
    <message>
        <source>Find &amp;Next</source>
        <translation>다음 찾기(&amp;N)</translation>
    </message>
    <message>
        <source>Find Pre&amp;vious</source>
        <translation>이전 찾기(&amp;V)</translation>
    </message>
    <message>
        <source>Proxy login</source>
        <translation>프록시 로그인</translation>
    </message>
    <message>
        <source>The %1 wants a login. User name:</source>
        <translation>%1에 로그인이 필요합니다. 사용자 이름:</translation>
    </message>
    <message>
        <source>The %1 wants the password of %2:</source>
        <translation>%1에 %2의 비밀번호가 필요합니다:</translation>
    </message>
    <message>
        <source>&amp;Next Room</source>
        <translation>다음 대화방(&amp;N)</translation>
    </message>
    <message>
        <source>Pre&amp;vious Room</source>
        <translation>이전 대화방(&amp;V)</translation>
    </message>
    <message>
        <source>Room Li&amp;st</source>
        <translation>대화방 목록(&amp;S)</translation>
    </message>
    <message>
        <source>Rooms</source>
        <translation>대화방</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%2의 %1</translation>
    </message>
    <message>
        <source>Usage: /reply SEQ TEXT — or choose Reply on a message.</source>
        <translation>사용법: /reply 번호 내용 — 또는 메시지에서 답장을 고르세요.</translation>
    </message>
    <message>
        <source>Commands: /nick NAME changes your nickname · /me TEXT says what you do · /reply SEQ TEXT answers message SEQ · /clear empties this view · /quit closes Parlor · //text sends a line that starts with /.</source>
        <translation>명령어: /nick 이름 — 대화명 바꾸기 · /me 내용 — 내 행동 알리기 · /reply 번호 내용 — 그 번호의 메시지에 답장 · /clear — 화면 비우기 · /quit — Parlor 끝내기 · //내용 — /로 시작하는 줄 보내기</translation>
    </message>
    <message>
        <source>“%1” was not opened again: it had a password, which Parlor does not keep. Host it again with Room → Host a Room… and its password.</source>
        <translation>“%1” 대화방은 다시 열지 않았습니다. 비밀번호가 있던 방인데, Parlor는 비밀번호를 저장하지 않습니다. 대화방 → 대화방 열기…에서 비밀번호와 함께 다시 여세요.</translation>
    </message>
    <message>
        <source>&amp;Attach a File…</source>
        <translation>파일 첨부(&amp;A)…</translation>
    </message>
    <message>
        <source>Attach a file (Ctrl+Shift+A)</source>
        <translation>파일 첨부 (Ctrl+Shift+A)</translation>
    </message>
    <message>
        <source>Attach a file</source>
        <translation>파일 첨부</translation>
    </message>
    <message>
        <source>Join a room first to share files with it.</source>
        <translation>파일을 공유하려면 먼저 방에 들어가세요.</translation>
    </message>
    <message>
        <source>Attach a File</source>
        <translation>파일 첨부</translation>
    </message>
    <message>
        <source>Could not share %1.</source>
        <translation>%1을(를) 공유하지 못했습니다.</translation>
    </message>
    <message>
        <source>The broker refused: %1</source>
        <translation>브로커가 거절했습니다: %1</translation>
    </message>
    <message>
        <source>The broker refused: %1 (%2)</source>
        <translation>브로커가 거절했습니다: %1 (%2)</translation>
    </message>
</context>
<context>
    <name>Parlor::MemberDelegate</name>
    <message>
        <source>you</source>
        <translation>나</translation>
    </message>
    <message>
        <source>plain client</source>
        <translation>일반 클라이언트</translation>
    </message>
    <message>
        <source>typing…</source>
        <translation>입력 중…</translation>
    </message>
</context>
<context>
    <name>Parlor::MemberModel</name>
    <message>
        <source>, you</source>
        <translation>, 나</translation>
    </message>
    <message>
        <source>, plain client</source>
        <translation>, 일반 클라이언트</translation>
    </message>
    <message>
        <source>, typing</source>
        <translation>, 입력 중</translation>
    </message>
</context>
<context>
    <name>Parlor::MemberPanel</name>
    <message>
        <source>People in this room</source>
        <translation>이 대화방의 사람들</translation>
    </message>
    <message>
        <source>In this room (%1)</source>
        <translation>이 대화방 (%1)</translation>
    </message>
</context>
<context>
    <name>Parlor::MessageDelegate</name>
    <message>
        <source>→ %1 joined</source>
        <translation>→ %1 님이 들어왔습니다</translation>
    </message>
    <message>
        <source>← %1 left</source>
        <translation>← %1 님이 나갔습니다</translation>
    </message>
    <message>
        <source>← %1 lost the connection</source>
        <translation>← %1 님의 연결이 끊겼습니다</translation>
    </message>
    <message>
        <source>← %1 left (%2)</source>
        <translation>← %1 님이 나갔습니다 (%2)</translation>
    </message>
    <message>
        <source>%1 is now known as %2</source>
        <translation>%1 님의 대화명이 %2(으)로 바뀌었습니다</translation>
    </message>
    <message>
        <source>Some earlier messages are no longer available.</source>
        <translation>이전 메시지 중 일부는 더 이상 볼 수 없습니다.</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>오늘</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>어제</translation>
    </message>
    <message>
        <source>new messages</source>
        <translation>새 메시지</translation>
    </message>
    <message>
        <source>↳ message no longer available</source>
        <translation>↳ 더 이상 볼 수 없는 메시지</translation>
    </message>
    <message>
        <source>↳ %1: %2</source>
        <translation>↳ %1: %2</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>저장</translation>
    </message>
    <message>
        <source>No longer available</source>
        <translation>더 이상 받을 수 없음</translation>
    </message>
    <message>
        <source>Sending… %1% · %2 of %3</source>
        <extracomment>%1: percent done, %2: bytes so far, %3: the file&apos;s size (&quot;45% · 950 kB of 2.1 MB&quot;).</extracomment>
        <translation>보내는 중… %1% · %3 중 %2</translation>
    </message>
    <message>
        <source>Receiving… %1% · %2 of %3</source>
        <translation>받는 중… %1% · %3 중 %2</translation>
    </message>
    <message>
        <source>%1 · failed: %2</source>
        <extracomment>%1: the size, %2: why the transfer failed.</extracomment>
        <translation>%1 · 실패: %2</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>⇄ %1 joined, %2 left</source>
        <extracomment>A storm of joins and leaves, counted instead of named: %1 joined, %2 left</extracomment>
        <translation>⇄ %1명 들어옴, %2명 나감</translation>
    </message>
    <message>
        <source>⇄ %1 joined</source>
        <extracomment>A storm of joins, counted instead of named: %1 people joined</extracomment>
        <translation>⇄ %1명 들어옴</translation>
    </message>
    <message>
        <source>⇄ %1 left</source>
        <extracomment>A storm of leaves, counted instead of named: %1 people left</extracomment>
        <translation>⇄ %1명 나감</translation>
    </message>
</context>
<context>
    <name>Parlor::MessageModel</name>
    <message>
        <source>no answer in time</source>
        <translation>제시간에 응답 없음</translation>
    </message>
    <message>
        <source>sent too many messages</source>
        <translation>메시지를 너무 많이 보냄</translation>
    </message>
    <message>
        <source>could not keep up</source>
        <translation>수신이 밀림</translation>
    </message>
    <message>
        <source>removed by the host</source>
        <translation>방장이 내보냄</translation>
    </message>
    <message>
        <source>the room closed</source>
        <translation>대화방이 닫힘</translation>
    </message>
    <message>
        <source>wrong password</source>
        <translation>잘못된 비밀번호</translation>
    </message>
    <message>
        <source>sent data the room does not take</source>
        <translation>대화방이 받지 않는 데이터를 보냄</translation>
    </message>
    <message>
        <source>joined again from elsewhere</source>
        <translation>다른 곳에서 다시 들어옴</translation>
    </message>
    <message>
        <source>%1 joined</source>
        <translation>%1 님이 들어왔습니다</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>%1 님이 나갔습니다</translation>
    </message>
    <message>
        <source>%1 lost the connection</source>
        <translation>%1 님의 연결이 끊겼습니다</translation>
    </message>
    <message>
        <source>%1 left: %2</source>
        <translation>%1 님이 나갔습니다: %2</translation>
    </message>
    <message>
        <source>%1 is now known as %2</source>
        <translation>%1 님의 대화명이 %2(으)로 바뀌었습니다</translation>
    </message>
    <message>
        <source>Some earlier messages are no longer available.</source>
        <translation>이전 메시지 중 일부는 더 이상 볼 수 없습니다.</translation>
    </message>
    <message>
        <source>sending</source>
        <translation>보내는 중</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>보냄</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>전달됨</translation>
    </message>
    <message>
        <source>not sent</source>
        <translation>보내지 못함</translation>
    </message>
    <message>
        <source>not sent: %1</source>
        <translation>보내지 못함: %1</translation>
    </message>
    <message>
        <source>%1, error: %2</source>
        <translation>%1, 오류: %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 %2, %3</source>
        <extracomment>An action line (/me): %1 the sender, %2 what they do, %3 the time</extracomment>
        <translation>%1 %2, %3</translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <extracomment>A chat line: %1 the sender, %2 the time, %3 the text</extracomment>
        <translation>%1, %2: %3</translation>
    </message>
    <message>
        <source>, in reply to a message no longer available</source>
        <translation>, 더 이상 볼 수 없는 메시지에 대한 답장</translation>
    </message>
    <message>
        <source>, in reply to %1: %2</source>
        <translation>, %1 님에게 답장: %2</translation>
    </message>
    <message>
        <source>, mentions you</source>
        <translation>, 나를 언급함</translation>
    </message>
    <message>
        <source>, %1</source>
        <translation>, %1</translation>
    </message>
    <message>
        <source>%1, %2: shared the file %3, %4</source>
        <extracomment>A shared file: %1 the sender, %2 the time, %3 the file&apos;s name, %4 its size (&quot;1.2 MB&quot;)</extracomment>
        <translation>%1, %2: 파일 %3 공유, %4</translation>
    </message>
    <message>
        <source>Many people came and went: %1 joined, %2 left</source>
        <extracomment>A storm of joins and leaves, counted instead of named: %1 joined, %2 left</extracomment>
        <translation>많은 사람이 드나들었습니다: %1명 들어옴, %2명 나감</translation>
    </message>
    <message>
        <source>Many people joined: %1</source>
        <extracomment>A storm of joins, counted instead of named: %1 people joined</extracomment>
        <translation>많은 사람이 들어왔습니다: %1명</translation>
    </message>
    <message>
        <source>Many people left: %1</source>
        <extracomment>A storm of leaves, counted instead of named: %1 people left</extracomment>
        <translation>많은 사람이 나갔습니다: %1명</translation>
    </message>
</context>
<context>
    <name>Parlor::NearbyRoomModel</name>
    <message>
        <source>%1 at %2
Certificate SHA-256: %3</source>
        <translation>%1 (%2)
인증서 SHA-256: %3</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>알 수 없음</translation>
    </message>
    <message numerus="yes">
        <source>%n people</source>
        <translation>
            <numerusform>%n명</numerusform>
        </translation>
    </message>
    <message>
        <source>password</source>
        <translation>비밀번호</translation>
    </message>
    <message>
        <source>encrypted</source>
        <translation>암호화됨</translation>
    </message>
    <message>
        <source>open</source>
        <translation>공개</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>대화방</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>주소</translation>
    </message>
    <message>
        <source>People</source>
        <translation>인원</translation>
    </message>
    <message>
        <source>Access</source>
        <translation>접근</translation>
    </message>
</context>
<context>
    <name>Parlor::PeerModel</name>
    <message>
        <source>—</source>
        <comment>no value</comment>
        <translation>—</translation>
    </message>
    <message>
        <source>%1 (leaving: %2)</source>
        <translation>%1 (나가는 중: %2)</translation>
    </message>
    <message>
        <source>(no hello yet)</source>
        <translation>(hello 전)</translation>
    </message>
    <message>
        <source>%1 (plain)</source>
        <translation>%1 (일반)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(없음)</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1ms</translation>
    </message>
    <message>
        <source>Connection %1 from %2</source>
        <translation>%2에서 온 연결 %1</translation>
    </message>
    <message>
        <source>Connected at %1</source>
        <translation>연결 시각: %1</translation>
    </message>
    <message>
        <source>Offered subprotocols: %1</source>
        <translation>제안한 서브프로토콜: %1</translation>
    </message>
    <message>
        <source>Chosen subprotocol: %1</source>
        <translation>선택된 서브프로토콜: %1</translation>
    </message>
    <message>
        <source>Origin: %1</source>
        <translation>Origin: %1</translation>
    </message>
    <message>
        <source>User-Agent: %1</source>
        <translation>User-Agent: %1</translation>
    </message>
    <message>
        <source>Received %1 messages (%2), sent %3 messages (%4)</source>
        <translation>받은 메시지 %1개(%2), 보낸 메시지 %3개(%4)</translation>
    </message>
    <message>
        <source>The subprotocols the client offered, in its order</source>
        <translation>클라이언트가 제안한 서브프로토콜(제안 순서대로)</translation>
    </message>
    <message>
        <source>The subprotocol the room chose</source>
        <translation>방이 선택한 서브프로토콜</translation>
    </message>
    <message>
        <source>Messages received from / sent to this peer</source>
        <translation>이 접속자에게서 받은 / 이 접속자에게 보낸 메시지</translation>
    </message>
    <message>
        <source>Payload bytes received from / sent to this peer</source>
        <translation>이 접속자에게서 받은 / 이 접속자에게 보낸 페이로드 바이트</translation>
    </message>
    <message>
        <source>Round trip of the room&apos;s last ping to this peer</source>
        <translation>방이 이 접속자에게 마지막으로 보낸 핑의 왕복 시간</translation>
    </message>
    <message>
        <source>Bytes written for this peer that the network has not taken yet</source>
        <translation>이 접속자에게 쓰였지만 아직 네트워크로 나가지 않은 바이트</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>주소</translation>
    </message>
    <message>
        <source>Nickname</source>
        <translation>닉네임</translation>
    </message>
    <message>
        <source>Offered</source>
        <translation>제안</translation>
    </message>
    <message>
        <source>Chosen</source>
        <translation>선택</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>Origin</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>접속 시각</translation>
    </message>
    <message>
        <source>Msgs in / out</source>
        <translation>메시지 받음 / 보냄</translation>
    </message>
    <message>
        <source>Bytes in / out</source>
        <translation>바이트 받음 / 보냄</translation>
    </message>
    <message>
        <source>RTT</source>
        <translation>RTT</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>대기 중</translation>
    </message>
    <message>
        <source>long-polling</source>
        <translation>롱 폴링</translation>
    </message>
    <message>
        <source>WebSocket</source>
        <comment>a transport</comment>
        <translation>WebSocket</translation>
    </message>
    <message>
        <source>Transport: %1</source>
        <translation>전송 방식: %1</translation>
    </message>
    <message>
        <source>How the peer&apos;s messages travel: a WebSocket, or HTTP long-polling for a browser whose WebSocket could not get through</source>
        <translation>피어의 메시지가 오가는 방식: WebSocket, 또는 WebSocket이 통과하지 못한 브라우저를 위한 HTTP 롱 폴링</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>전송 방식</translation>
    </message>
</context>
<context>
    <name>Parlor::PeersView</name>
    <message>
        <source>Ping Peer</source>
        <translation>접속자 핑</translation>
    </message>
    <message>
        <source>Ping the selected peer and measure the round trip</source>
        <translation>선택한 접속자에게 핑을 보내 왕복 시간을 잽니다</translation>
    </message>
    <message>
        <source>Kick Peer…</source>
        <translation>접속자 강퇴…</translation>
    </message>
    <message>
        <source>Close the selected peer&apos;s connection with a code and reason</source>
        <translation>선택한 접속자의 연결을 코드와 이유를 정해 닫습니다</translation>
    </message>
    <message>
        <source>Peers</source>
        <translation>접속자</translation>
    </message>
    <message>
        <source>Nobody is connected to your room.</source>
        <translation>방에 접속한 사람이 없습니다.</translation>
    </message>
    <message>
        <source>Connections: %1 · in the room: %2 · plain clients: %3</source>
        <translation>연결: %1 · 방 참여: %2 · 일반 클라이언트: %3</translation>
    </message>
    <message>
        <source>Kick %1</source>
        <translation>%1 강퇴</translation>
    </message>
    <message>
        <source>Close the connection of %1 (%2). Everyone in the room sees them leave with the reason “kicked”; a Parlor client does not reconnect after 4002.</source>
        <translation>%1(%2)의 연결을 닫습니다. 방의 모든 사람에게 “kicked” 이유로 나간 것으로 보이며, Parlor 클라이언트는 4002를 받으면 다시 연결하지 않습니다.</translation>
    </message>
    <message>
        <source>removed by the host</source>
        <translation>호스트가 강퇴함</translation>
    </message>
    <message>
        <source>Kick</source>
        <translation>강퇴</translation>
    </message>
    <message>
        <source>Ping</source>
        <translation>핑</translation>
    </message>
    <message>
        <source>Kick…</source>
        <translation>강퇴…</translation>
    </message>
    <message>
        <source>Copy Address</source>
        <translation>주소 복사</translation>
    </message>
</context>
<context>
    <name>Parlor::ProxySetting</name>
    <message>
        <source>&quot;%1&quot; is not a proxy: give http://host:port, socks5://host:port, none or system.</source>
        <translation>&quot;%1&quot;은(는) 프록시가 아닙니다: http://호스트:포트, socks5://호스트:포트, none 또는 system을 입력하세요.</translation>
    </message>
    <message>
        <source>direct</source>
        <translation>직접 연결</translation>
    </message>
    <message>
        <source>via %1</source>
        <translation>%1 경유</translation>
    </message>
    <message>
        <source>SOCKS5 proxy %1</source>
        <translation>SOCKS5 프록시 %1</translation>
    </message>
    <message>
        <source>HTTP proxy %1</source>
        <translation>HTTP 프록시 %1</translation>
    </message>
</context>
<context>
    <name>Parlor::QrCode</name>
    <message>
        <source>There is nothing to encode.</source>
        <translation>인코딩할 내용이 없습니다.</translation>
    </message>
    <message numerus="yes">
        <source>%n bytes are too many for a QR code at this error correction level.</source>
        <translation>
            <numerusform>%n바이트는 이 오류 정정 수준의 QR 코드에 담기에 너무 많습니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>The QR code could not be made (%1).</source>
        <translation>QR 코드를 만들 수 없습니다(%1).</translation>
    </message>
</context>
<context>
    <name>Parlor::QrCodeWidget</name>
    <message>
        <source>QR code</source>
        <translation>QR 코드</translation>
    </message>
</context>
<context>
    <name>Parlor::QrWindow</name>
    <message>
        <source>Join %1</source>
        <translation>%1 참여</translation>
    </message>
    <message>
        <source>Scan to join &lt;b&gt;%1&lt;/b&gt; in a browser</source>
        <translation>스캔하여 브라우저에서 &lt;b&gt;%1&lt;/b&gt; 대화방에 참여하세요</translation>
    </message>
    <message>
        <source>QR code of %1</source>
        <translation>%1의 QR 코드</translation>
    </message>
    <message>
        <source>Address %1</source>
        <translation>주소 %1</translation>
    </message>
</context>
<context>
    <name>Parlor::RawFrontend</name>
    <message>
        <source>line %1 is not hex (pairs of 0-9 a-f): not sent</source>
        <translation>%1번째 줄은 16진수(0-9 a-f 두 자리씩)가 아니어서 보내지 않았습니다</translation>
    </message>
    <message>
        <source>* connected (no subprotocol)</source>
        <translation>* 연결됨 (하위 프로토콜 없음)</translation>
    </message>
    <message>
        <source>* if the server&apos;s certificate is this one, connect with --pin %1</source>
        <translation>* 서버의 인증서가 이것이 맞다면 --pin %1 옵션으로 연결하세요</translation>
    </message>
</context>
<context>
    <name>Parlor::ReplyStrip</name>
    <message>
        <source>Cancel the reply (Esc)</source>
        <translation>답장 취소 (Esc)</translation>
    </message>
    <message>
        <source>Cancel reply</source>
        <translation>답장 취소</translation>
    </message>
    <message>
        <source>Replying to %1: %2</source>
        <translation>%1 님에게 답장: %2</translation>
    </message>
</context>
<context>
    <name>Parlor::RoomBrowser</name>
    <message>
        <source>cannot listen on port %1: %2</source>
        <translation>포트 %1에서 수신할 수 없습니다: %2</translation>
    </message>
</context>
<context>
    <name>Parlor::RoomHeader</name>
    <message>
        <source>Room address</source>
        <translation>대화방 주소</translation>
    </message>
    <message>
        <source>Subprotocol</source>
        <translation>하위 프로토콜</translation>
    </message>
    <message>
        <source>Round-trip time</source>
        <translation>왕복 시간</translation>
    </message>
    <message>
        <source>plain WebSocket — messages are shown as sent</source>
        <translation>일반 WebSocket — 메시지를 받은 그대로 보여 줍니다</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>검사기</translation>
    </message>
    <message>
        <source>See what the connection is doing (Ctrl+I)</source>
        <translation>연결이 무엇을 하는지 봅니다 (Ctrl+I)</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>열기</translation>
    </message>
    <message>
        <source>Host a room on this computer (Ctrl+H)</source>
        <translation>이 컴퓨터에 대화방 열기 (Ctrl+H)</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>참여</translation>
    </message>
    <message>
        <source>Join a room (Ctrl+K)</source>
        <translation>대화방 참여 (Ctrl+K)</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>연결 안 됨</translation>
    </message>
    <message>
        <source>no subprotocol</source>
        <translation>하위 프로토콜 없음</translation>
    </message>
    <message>
        <source>rtt %1 ms</source>
        <translation>왕복 %1ms</translation>
    </message>
    <message>
        <source>Messages that mention you or answer you</source>
        <translation>나를 언급하거나 나에게 답한 메시지</translation>
    </message>
    <message>
        <source>Mentions (%1)</source>
        <translation>언급 (%1)</translation>
    </message>
    <message>
        <source>Mentions</source>
        <translation>언급</translation>
    </message>
    <message>
        <source>%1  %2: %3</source>
        <translation>%1  %2: %3</translation>
    </message>
    <message>
        <source>STOMP broker, %1 — no member list or history</source>
        <translation>STOMP 브로커, %1 — 참여자 목록과 기록 없음</translation>
    </message>
</context>
<context>
    <name>Parlor::RoomListModel</name>
    <message>
        <source>New room</source>
        <translation>새 대화방</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>연결 중</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>연결됨</translation>
    </message>
    <message>
        <source>closing</source>
        <translation>닫는 중</translation>
    </message>
    <message>
        <source>reconnecting</source>
        <translation>재연결 대기</translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation>연결 끊김</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>, hosted here</source>
        <translation>, 이 컴퓨터에서 여는 대화방</translation>
    </message>
    <message>
        <source>, %1 unread</source>
        <translation>, 읽지 않음 %1개</translation>
    </message>
    <message>
        <source>, you were mentioned</source>
        <translation>, 나를 언급함</translation>
    </message>
</context>
<context>
    <name>Parlor::RoomServer</name>
    <message>
        <source>A TLS room needs a certificate and key, or a directory to keep a self-signed certificate in.</source>
        <translation>TLS 대화방에는 인증서와 키, 또는 자체 서명 인증서를 보관할 디렉터리가 필요합니다.</translation>
    </message>
</context>
<context>
    <name>Parlor::ServerList</name>
    <message>
        <source>No server address given.</source>
        <translation>서버 주소가 없습니다.</translation>
    </message>
    <message>
        <source>Empty server address in &quot;%1&quot; (two commas in a row, or a comma at the start or end).</source>
        <translation>&quot;%1&quot;에 빈 서버 주소가 있습니다 (쉼표가 두 개 연달아 있거나, 맨 앞이나 맨 끝에 쉼표가 있습니다).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid address.</source>
        <translation>&quot;%1&quot;은(는) 올바른 주소가 아닙니다.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a WebSocket address: use ws:// or wss://.</source>
        <translation>&quot;%1&quot;은(는) WebSocket 주소가 아닙니다. ws:// 또는 wss://를 쓰세요.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; names no host.</source>
        <translation>&quot;%1&quot;에 호스트가 없습니다.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is listed twice.</source>
        <translation>&quot;%1&quot;이(가) 두 번 들어 있습니다.</translation>
    </message>
    <message>
        <source>Too many servers (%1); at most %2.</source>
        <translation>서버가 너무 많습니다(%1개). 최대 %2개까지입니다.</translation>
    </message>
</context>
<context>
    <name>Parlor::SettingsDialog</name>
    <message>
        <source>Preferences</source>
        <translation>환경 설정</translation>
    </message>
    <message>
        <source>&amp;Nickname:</source>
        <translation>대화명(&amp;N):</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>시스템 설정 따르기</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>밝게</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>어둡게</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>테마(&amp;T):</translation>
    </message>
    <message>
        <source>system size</source>
        <translation>시스템 크기</translation>
    </message>
    <message>
        <source> pt</source>
        <translation>pt</translation>
    </message>
    <message>
        <source>&amp;Font size:</source>
        <translation>글꼴 크기(&amp;F):</translation>
    </message>
    <message>
        <source>24-hour (14:05)</source>
        <translation>24시간제 (14:05)</translation>
    </message>
    <message>
        <source>12-hour (2:05 PM)</source>
        <translation>12시간제 (오후 2:05)</translation>
    </message>
    <message>
        <source>With seconds (14:05:09)</source>
        <translation>초 포함 (14:05:09)</translation>
    </message>
    <message>
        <source>T&amp;imes:</source>
        <translation>시각(&amp;I):</translation>
    </message>
    <message>
        <source>When someone mentions me</source>
        <translation>누군가 나를 언급할 때</translation>
    </message>
    <message>
        <source>For every message</source>
        <translation>모든 메시지</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>알리지 않음</translation>
    </message>
    <message>
        <source>N&amp;otify me:</source>
        <translation>알림(&amp;O):</translation>
    </message>
    <message>
        <source>Enter sends, Shift+Enter starts a new line</source>
        <translation>Enter로 보내기, Shift+Enter로 줄바꿈</translation>
    </message>
    <message>
        <source>Ctrl+Enter sends, Enter starts a new line</source>
        <translation>Ctrl+Enter로 보내기, Enter로 줄바꿈</translation>
    </message>
    <message>
        <source>&amp;Enter key:</source>
        <translation>Enter 키(&amp;E):</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>언어(&amp;L):</translation>
    </message>
</context>
<context>
    <name>Parlor::ShareStrip</name>
    <message>
        <source>&amp;Share</source>
        <translation>공유(&amp;S)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>확인</translation>
    </message>
    <message>
        <source>Do not share (Esc)</source>
        <translation>공유하지 않기 (Esc)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>%1: a file&apos;s name, %2: its size (&quot;2.1 MB&quot;).</extracomment>
        <translation>%1 (%2)</translation>
    </message>
    <message numerus="yes">
        <source>%n files (%1)</source>
        <extracomment>%1: their size together (&quot;2.1 MB&quot;).</extracomment>
        <translation>
            <numerusform>파일 %n개 (%1)</numerusform>
        </translation>
    </message>
    <message>
        <source>Share %1 with the room?</source>
        <translation>%1을(를) 방에 공유할까요?</translation>
    </message>
    <message>
        <source>%1 is too large for this room: it takes files up to %2.</source>
        <extracomment>%1: the file, %2: the most the room takes (&quot;100 MB&quot;).</extracomment>
        <translation>%1은(는) 이 방에 올리기에 너무 큽니다. 이 방은 %2까지의 파일만 받습니다.</translation>
    </message>
    <message>
        <source>This room does not take files, so %1 cannot be shared here.</source>
        <translation>이 방은 파일을 받지 않으므로 %1을(를) 여기에 공유할 수 없습니다.</translation>
    </message>
    <message>
        <source>%1 cannot be read (or is empty), so it cannot be shared.</source>
        <translation>%1을(를) 읽을 수 없거나 비어 있어 공유할 수 없습니다.</translation>
    </message>
</context>
<context>
    <name>Parlor::Sparkline</name>
    <message>
        <source>Recent round-trip times</source>
        <translation>최근 왕복 시간</translation>
    </message>
    <message>
        <source>%1 values from %2 to %3 ms</source>
        <translation>값 %1개, %2–%3ms</translation>
    </message>
    <message>
        <source>no round trips yet</source>
        <translation>아직 왕복 기록 없음</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1ms</translation>
    </message>
</context>
<context>
    <name>Parlor::SqliteRoomLog</name>
    <message>
        <source>Cannot create the data directory %1.</source>
        <translation>데이터 디렉터리 %1을(를) 만들 수 없습니다.</translation>
    </message>
    <message>
        <source>Qt&apos;s SQLite driver (QSQLITE) is missing: install libqt6sql6-sqlite.</source>
        <translation>Qt의 SQLite 드라이버(QSQLITE)가 없습니다: libqt6sql6-sqlite를 설치하세요.</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>%1을(를) 열 수 없습니다: %2</translation>
    </message>
    <message>
        <source>%1 is in use by another program.</source>
        <translation>%1은(는) 다른 프로그램이 사용 중입니다.</translation>
    </message>
    <message>
        <source>%1 is not a Parlor room log, or it is damaged: %2</source>
        <translation>%1은(는) Parlor 방 기록이 아니거나 손상되었습니다: %2</translation>
    </message>
    <message>
        <source>%1 cannot be used: %2</source>
        <translation>%1을(를) 사용할 수 없습니다: %2</translation>
    </message>
    <message>
        <source>%1 was written by a newer version of Parlor (format %2); this version reads format %3. Use a newer Parlor, or another data directory.</source>
        <translation>%1은(는) 더 새로운 버전의 Parlor가 기록했습니다(형식 %2). 이 버전은 형식 %3을(를) 읽습니다. 더 새로운 Parlor를 쓰거나 다른 데이터 디렉터리를 지정하세요.</translation>
    </message>
    <message>
        <source>its format &quot;%1&quot; cannot be read</source>
        <translation>형식 &quot;%1&quot;을(를) 읽을 수 없습니다</translation>
    </message>
    <message>
        <source>it has no incarnation</source>
        <translation>incarnation 값이 없습니다</translation>
    </message>
    <message>
        <source>it has no format number</source>
        <translation>형식 번호가 없습니다</translation>
    </message>
    <message>
        <source>its last seq %1 is out of range</source>
        <translation>마지막 seq %1이(가) 범위를 벗어났습니다</translation>
    </message>
    <message>
        <source>the events table has no integer primary key seq</source>
        <translation>events 테이블에 정수 기본 키 seq가 없습니다</translation>
    </message>
    <message>
        <source>the events table has no column %1</source>
        <translation>events 테이블에 %1 열이 없습니다</translation>
    </message>
    <message>
        <source>the meta table has no key column as its primary key, or no value column</source>
        <translation>meta 테이블에 기본 키인 key 열이나 value 열이 없습니다</translation>
    </message>
</context>
<context>
    <name>Parlor::StateTimeline</name>
    <message>
        <source>reconnect cancelled</source>
        <translation>재연결 취소됨</translation>
    </message>
    <message>
        <source>reconnect in %1 s</source>
        <translation>%1초 후 재연결</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>닫힘</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>연결 중</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>연결됨</translation>
    </message>
    <message>
        <source>Closing</source>
        <translation>닫는 중</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>none of the %1 servers could be reached</source>
        <translation>서버 %1개 모두 연결할 수 없음</translation>
    </message>
    <message>
        <source>reconnect to %1 in %2 s</source>
        <translation>%2초 후 %1에 재연결</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>Parlor::StompChat</name>
    <message numerus="yes">
        <source>(%n bytes that are not text)</source>
        <translation>
            <numerusform>(텍스트가 아닌 %n바이트)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Parlor::StompFrontend</name>
    <message>
        <source>* the broker says: %1</source>
        <translation>* 브로커의 응답: %1</translation>
    </message>
    <message>
        <source>* the broker says: %1 (%2)</source>
        <translation>* 브로커의 응답: %1 (%2)</translation>
    </message>
    <message>
        <source>Cannot chat on %1 at %2: check the address (ws:// or wss://) and the destination.</source>
        <translation>%2의 %1에서 대화할 수 없습니다. 주소(ws:// 또는 wss://)와 대상을 확인하세요.</translation>
    </message>
    <message>
        <source>* connecting to %1 (v12.stomp)</source>
        <translation>* %1에 연결하는 중 (v12.stomp)</translation>
    </message>
    <message>
        <source>* subscribed to %1</source>
        <translation>* %1 구독함</translation>
    </message>
    <message>
        <source>* subscribed to %1 on %2</source>
        <translation>* %2에서 %1 구독함</translation>
    </message>
    <message>
        <source>* leaving</source>
        <translation>* 나가는 중</translation>
    </message>
    <message>
        <source>* disconnected</source>
        <translation>* 연결 끊김</translation>
    </message>
    <message>
        <source>* disconnected: %1</source>
        <translation>* 연결 끊김: %1</translation>
    </message>
    <message numerus="yes">
        <source>* %n message(s) not confirmed by the broker</source>
        <translation>
            <numerusform>* 브로커가 확인하지 않은 메시지 %n개</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Parlor::TimelineDelegate</name>
    <message>
        <source>now</source>
        <translation>현재</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1초</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1분 %2초</translation>
    </message>
    <message>
        <source>reconnect after %1</source>
        <translation>%1 후 재연결</translation>
    </message>
</context>
<context>
    <name>Parlor::TimelinePage</name>
    <message>
        <source>State timeline</source>
        <translation>상태 타임라인</translation>
    </message>
    <message>
        <source>Next attempt in %1 s (attempt %2).</source>
        <translation>%1초 후 다시 시도합니다 (%2번째 시도).</translation>
    </message>
</context>
<context>
    <name>Parlor::TransferModel</name>
    <message>
        <source>the file cannot be read</source>
        <translation>파일을 읽을 수 없습니다</translation>
    </message>
    <message>
        <source>the file changed while it was being sent</source>
        <translation>보내는 동안 파일이 바뀌었습니다</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>빈 파일입니다</translation>
    </message>
    <message>
        <source>this room does not take files</source>
        <translation>이 방은 파일을 받지 않습니다</translation>
    </message>
    <message>
        <source>the file is too large for this room</source>
        <translation>이 방에 올리기에는 파일이 너무 큽니다</translation>
    </message>
    <message>
        <source>the file cannot be written</source>
        <translation>파일을 쓸 수 없습니다</translation>
    </message>
    <message>
        <source>a file of that name is already there</source>
        <translation>같은 이름의 파일이 이미 있습니다</translation>
    </message>
    <message>
        <source>the transfer went wrong</source>
        <translation>전송 중에 문제가 생겼습니다</translation>
    </message>
    <message>
        <source>the room does not take this file name</source>
        <translation>이 방은 이 파일 이름을 받지 않습니다</translation>
    </message>
    <message>
        <source>the room has no room for more files just now</source>
        <translation>지금은 방에 파일을 더 둘 자리가 없습니다</translation>
    </message>
    <message>
        <source>the file is no longer available</source>
        <translation>더 이상 받을 수 없는 파일입니다</translation>
    </message>
    <message>
        <source>the room refused it (%1)</source>
        <translation>방이 거절했습니다 (%1)</translation>
    </message>
</context>
<context>
    <name>Parlor::TrayIcon</name>
    <message>
        <source>Parlor</source>
        <translation>Parlor</translation>
    </message>
    <message>
        <source>Parlor — unread: %1</source>
        <translation>Parlor — 읽지 않음: %1</translation>
    </message>
</context>
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
        <source>Address to listen on: &quot;any&quot; for the whole network, &quot;localhost&quot; for this computer only, or an IP address (default: any).</source>
        <translation>수신할 주소: 네트워크 전체는 &quot;any&quot;, 이 컴퓨터만은 &quot;localhost&quot;, 또는 IP 주소 (기본값: any).</translation>
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
        <source>Unexpected argument &quot;%1&quot;.</source>
        <translation>예상하지 못한 인수 &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>--%1 must be a whole number from %2 to %3.</source>
        <translation>--%1 값은 %2에서 %3 사이의 정수여야 합니다.</translation>
    </message>
    <message>
        <source>--bind needs &quot;any&quot;, &quot;localhost&quot; or an IP address, not &quot;%1&quot;.</source>
        <translation>--bind 값은 &quot;%1&quot;이 아니라 &quot;any&quot;, &quot;localhost&quot; 또는 IP 주소여야 합니다.</translation>
    </message>
    <message>
        <source>--room needs a name.</source>
        <translation>--room에는 이름이 필요합니다.</translation>
    </message>
    <message>
        <source>Milliseconds between the room&apos;s pings; a peer silent for two intervals is dropped. 0 turns pings off (default: %1).</source>
        <translation>대화방이 핑을 보내는 간격(밀리초). 두 간격 동안 아무 응답이 없는 참여자는 연결을 끊습니다. 0이면 핑을 보내지 않습니다 (기본값: %1).</translation>
    </message>
    <message>
        <source>The password can have at most %1 characters.</source>
        <translation>비밀번호는 최대 %1자까지 쓸 수 있습니다.</translation>
    </message>
    <message>
        <source>Keep the room&apos;s history in this directory (SQLite), so that it survives a restart or a crash. Without it the history lives in memory only.</source>
        <translation>방의 기록을 이 디렉터리(SQLite)에 보관해 다시 시작하거나 비정상 종료되어도 남게 합니다. 지정하지 않으면 기록은 메모리에만 있습니다.</translation>
    </message>
    <message>
        <source>directory</source>
        <translation>디렉터리</translation>
    </message>
    <message>
        <source>With --data-dir: events kept on disk; older ones are deleted. 0 keeps all (default: %1).</source>
        <translation>--data-dir와 함께: 디스크에 보관할 이벤트 수. 오래된 것은 지워집니다. 0이면 모두 보관합니다(기본값: %1).</translation>
    </message>
    <message>
        <source>With --data-dir: days events are kept on disk. 0 sets no age limit (default: %1).</source>
        <translation>--data-dir와 함께: 이벤트를 디스크에 보관할 일수. 0이면 기간 제한이 없습니다(기본값: %1).</translation>
    </message>
    <message>
        <source>days</source>
        <translation>일</translation>
    </message>
    <message>
        <source>--data-dir needs a directory.</source>
        <translation>--data-dir에는 디렉터리가 필요합니다.</translation>
    </message>
    <message>
        <source>Also accept browsers whose page comes from this Origin, e.g. http://intranet.example (repeatable). By default a browser may join only from the room&apos;s own page; others get HTTP 403.</source>
        <translation>이 Origin에서 온 페이지의 브라우저도 받습니다. 예: http://intranet.example (여러 번 지정 가능). 기본적으로 브라우저는 방 자신의 페이지에서만 들어올 수 있으며, 그 밖에는 HTTP 403을 받습니다.</translation>
    </message>
    <message>
        <source>With --data-dir: the most bytes the room&apos;s log may take; past it new messages are refused until old ones are deleted. 0: as much as the disk has (default: %1).</source>
        <translation>--data-dir와 함께: 방 기록이 차지할 수 있는 최대 바이트 수. 넘으면 오래된 것이 지워질 때까지 새 메시지를 거절합니다. 0이면 디스크가 허락하는 만큼입니다(기본값: %1).</translation>
    </message>
    <message>
        <source>Wrong passwords one address may send before it must wait (default: %1).</source>
        <translation>한 주소가 기다려야 하기 전까지 보낼 수 있는 틀린 비밀번호 수(기본값: %1).</translation>
    </message>
    <message>
        <source>Milliseconds an address waits after too many wrong passwords, doubling with each further one up to a minute (default: %1).</source>
        <translation>틀린 비밀번호가 너무 많을 때 그 주소가 기다리는 밀리초. 이후 틀릴 때마다 두 배가 되며 최대 1분입니다(기본값: %1).</translation>
    </message>
    <message>
        <source>Serve the room over TLS: wss:// for clients, https:// for the browser page. Without --tls-cert, Parlor makes a self-signed certificate once and keeps it in the --data-dir directory (or in ~/.local/share/Parlor/parlor-server), and prints its SHA-256 fingerprint for joiners to compare.</source>
        <translation>대화방을 TLS로 제공합니다: 클라이언트는 wss://, 브라우저 페이지는 https://. --tls-cert가 없으면 Parlor가 자체 서명 인증서를 한 번 만들어 --data-dir 디렉터리(또는 ~/.local/share/Parlor/parlor-server)에 보관하고, 참여자가 비교할 수 있도록 SHA-256 지문을 출력합니다.</translation>
    </message>
    <message>
        <source>The room&apos;s TLS certificate (PEM, optionally followed by its chain); implies --tls.</source>
        <translation>대화방의 TLS 인증서(PEM, 뒤에 인증서 체인이 올 수 있음); --tls를 포함합니다.</translation>
    </message>
    <message>
        <source>file</source>
        <translation>파일</translation>
    </message>
    <message>
        <source>The private key of --tls-cert (PEM, not encrypted).</source>
        <translation>--tls-cert의 개인 키(PEM, 암호화되지 않은 것).</translation>
    </message>
    <message>
        <source>--tls-cert and --tls-key go together: give both files, or neither for a self-signed certificate.</source>
        <translation>--tls-cert와 --tls-key는 함께 씁니다: 두 파일을 모두 주거나, 자체 서명 인증서를 쓰려면 둘 다 주지 마세요.</translation>
    </message>
    <message>
        <source>Do not announce the room on the local network (multicast DNS and a broadcast beacon); people then need its address to join.</source>
        <translation>로컬 네트워크에 대화방을 알리지 않습니다(멀티캐스트 DNS와 브로드캐스트 비컨). 그러면 참여하려는 사람에게 주소가 필요합니다.</translation>
    </message>
    <message>
        <source>url</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>A file whose first line is the broker&apos;s user:password.</source>
        <translation>첫 줄에 브로커의 사용자:비밀번호가 적힌 파일.</translation>
    </message>
    <message>
        <source>The broker&apos;s virtual host (default: /).</source>
        <translation>브로커의 가상 호스트(기본값: /).</translation>
    </message>
    <message>
        <source>The stream that holds the room, made of letters, digits, &apos;.&apos;, &apos;-&apos; and &apos;_&apos; (default: parlor.room. and the room&apos;s name).</source>
        <translation>방을 담는 스트림 이름. 영문자, 숫자, &apos;.&apos;, &apos;-&apos;, &apos;_&apos;로 이루어집니다(기본값: parlor.room.에 방 이름을 붙인 것).</translation>
    </message>
    <message>
        <source>With --broker: events sent to the broker and not confirmed yet; past it new messages are refused until the broker catches up (default: %1).</source>
        <translation>--broker와 함께: 브로커에 보냈지만 아직 확인되지 않은 이벤트 수. 이를 넘으면 브로커가 따라잡을 때까지 새 메시지를 거부합니다(기본값: %1).</translation>
    </message>
    <message>
        <source>With --broker: milliseconds after which a parlor-server that is not heard from is taken for lost, and its people leave the room (default: %1).</source>
        <translation>--broker와 함께: 소식이 없는 parlor-server를 잃은 것으로 보고 그 서버의 사람들을 방에서 내보내기까지의 밀리초(기본값: %1).</translation>
    </message>
    <message>
        <source>The --broker-… options need --broker.</source>
        <translation>--broker-… 옵션은 --broker와 함께 써야 합니다.</translation>
    </message>
    <message>
        <source>A room on a broker keeps its history there: leave out --data-dir.</source>
        <translation>브로커에 있는 방은 기록을 브로커에 보관합니다: --data-dir을 빼세요.</translation>
    </message>
    <message>
        <source>--broker needs the broker&apos;s Web-STOMP address, ws://HOST:PORT/ws or wss://…, not &quot;%1&quot;.</source>
        <translation>--broker에는 브로커의 Web-STOMP 주소(ws://호스트:포트/ws 또는 wss://…)가 필요합니다. &quot;%1&quot;은(는) 쓸 수 없습니다.</translation>
    </message>
    <message>
        <source>Put the broker&apos;s user and password in --broker-credentials or in PARLOR_BROKER_USER and PARLOR_BROKER_PASSWORD, not in the address.</source>
        <translation>브로커의 사용자와 비밀번호는 주소가 아니라 --broker-credentials 또는 PARLOR_BROKER_USER와 PARLOR_BROKER_PASSWORD에 넣으세요.</translation>
    </message>
    <message>
        <source>Cannot read the broker&apos;s credentials from %1: %2</source>
        <translation>%1에서 브로커 로그인 정보를 읽을 수 없습니다: %2</translation>
    </message>
    <message>
        <source>The first line of %1 must be user:password.</source>
        <translation>%1의 첫 줄은 사용자:비밀번호여야 합니다.</translation>
    </message>
    <message>
        <source>The broker&apos;s user and password cannot contain line breaks.</source>
        <translation>브로커의 사용자와 비밀번호에는 줄바꿈을 넣을 수 없습니다.</translation>
    </message>
    <message>
        <source>--broker-stream takes letters, digits, &apos;.&apos;, &apos;-&apos; and &apos;_&apos;, not &quot;%1&quot;.</source>
        <translation>--broker-stream에는 영문자, 숫자, &apos;.&apos;, &apos;-&apos;, &apos;_&apos;만 쓸 수 있습니다. &quot;%1&quot;은(는) 쓸 수 없습니다.</translation>
    </message>
    <message>
        <source>Answer GET /health (200, or 503 with the problem) and GET /metrics (Prometheus&apos; text format) on this port, on the --bind address; 0 picks a free one. Off by default.</source>
        <translation>이 포트(--bind 주소)에서 GET /health(200, 문제가 있으면 503과 그 내용)와 GET /metrics(Prometheus 텍스트 형식)에 답합니다. 0이면 빈 포트를 고릅니다. 기본값은 꺼짐입니다.</translation>
    </message>
    <message>
        <source>Keep the room on a RabbitMQ broker (its Web-STOMP address, e.g. ws://rabbit:15674/ws), shared with every parlor-server given the same broker and room: people on any of them are in one room (docs/SCALING.md). For a cluster, give each node&apos;s address, separated by commas or in several --broker options: the server moves to the next when one goes away. The login comes from --broker-credentials or PARLOR_BROKER_USER and PARLOR_BROKER_PASSWORD, never from the address.</source>
        <translation>방을 RabbitMQ 브로커(Web-STOMP 주소, 예: ws://rabbit:15674/ws)에 둡니다. 같은 브로커와 방 이름으로 시작한 모든 parlor-server가 이 방을 함께 쓰므로, 어느 서버에 접속한 사람이든 한 방에 있게 됩니다(docs/SCALING.md). 클러스터라면 각 노드의 주소를 쉼표로 구분하거나 --broker 옵션을 여러 번 써서 모두 주십시오. 한 노드가 사라지면 서버가 다음 노드로 옮겨 갑니다. 로그인 정보는 --broker-credentials 또는 PARLOR_BROKER_USER와 PARLOR_BROKER_PASSWORD에서 읽으며, 주소에는 넣지 않습니다.</translation>
    </message>
    <message>
        <source>Largest file people may share, in bytes; 0: the room takes no files (default: %1). A room on a broker takes none.</source>
        <translation>사람들이 공유할 수 있는 가장 큰 파일의 크기(바이트); 0이면 방이 파일을 받지 않습니다(기본값: %1). 브로커에 있는 방은 파일을 받지 않습니다.</translation>
    </message>
    <message>
        <source>The most bytes of shared files the room keeps, at least --max-file-size; the oldest files are forgotten first (default: %1). With --data-dir they are kept in its &quot;files&quot; directory.</source>
        <translation>방이 보관하는 공유 파일의 최대 바이트 수로, --max-file-size 이상이어야 합니다. 가장 오래된 파일부터 지웁니다(기본값: %1). --data-dir가 있으면 그 안의 &quot;files&quot; 디렉터리에 보관합니다.</translation>
    </message>
    <message>
        <source>Hours a shared file is kept; 0: only --file-store-size limits them (default: %1).</source>
        <translation>공유 파일을 보관하는 시간; 0이면 --file-store-size로만 제한합니다(기본값: %1).</translation>
    </message>
    <message>
        <source>hours</source>
        <translation>시간</translation>
    </message>
    <message>
        <source>File bytes a second one peer may upload or download (default: %1).</source>
        <translation>한 참가자가 1초에 올리거나 받을 수 있는 파일 바이트 수(기본값: %1).</translation>
    </message>
    <message>
        <source>--file-store-size must be at least --max-file-size (%1 bytes).</source>
        <translation>--file-store-size는 --max-file-size(%1바이트) 이상이어야 합니다.</translation>
    </message>
    <message>
        <source>Members listed in one page for clients that ask for member pages: their welcome carries the first page and they fetch the rest (default: %1, at most %2).</source>
        <translation>참여자 목록을 나눠 받겠다는 클라이언트에게 한 쪽에 보낼 참여자 수입니다. 환영 메시지에 첫 쪽이 담기고 나머지는 클라이언트가 가져갑니다(기본값: %1, 최대 %2).</translation>
    </message>
    <message>
        <source>Milliseconds joins and leaves are collected for clients that ask for event batches, then sent to each in one frame; 0 sends them one by one (default: %1).</source>
        <translation>이벤트 묶음을 요청한 클라이언트에게 입장과 퇴장을 모으는 시간(밀리초)입니다. 모은 뒤 각자에게 한 프레임으로 보냅니다. 0이면 하나씩 보냅니다(기본값: %1).</translation>
    </message>
    <message>
        <source>Joins and leaves in one such window above which a client that asks for presence digests gets only their count; 0 never sends counts (default: %1).</source>
        <translation>이 시간 창 하나에 모인 입장과 퇴장이 이 수보다 많으면, 존재 요약을 요청한 클라이언트에게는 그 수만 보냅니다. 0이면 수로 보내지 않습니다(기본값: %1).</translation>
    </message>
</context>
<context>
    <name>ServerMain</name>
    <message>
        <source>Parlor room &quot;%1&quot; is open on port %2.</source>
        <translation>Parlor 대화방 &quot;%1&quot;이(가) 포트 %2에서 열렸습니다.</translation>
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
        <source>Try &quot;parlor-server --help&quot;.</source>
        <translation>&quot;parlor-server --help&quot;를 실행해 보세요.</translation>
    </message>
    <message>
        <source>In a web browser: %1</source>
        <translation>웹 브라우저에서: %1</translation>
    </message>
    <message>
        <source>or open %1 in a web browser.</source>
        <translation>또는 웹 브라우저에서 %1 을(를) 여세요.</translation>
    </message>
    <message>
        <source>The room&apos;s history is kept in %1.</source>
        <translation>방의 기록은 %1에 보관됩니다.</translation>
    </message>
    <message>
        <source>Connections are encrypted (TLS). The room&apos;s certificate has the SHA-256 fingerprint</source>
        <translation>연결이 암호화됩니다(TLS). 대화방 인증서의 SHA-256 지문:</translation>
    </message>
    <message>
        <source>The room is kept on the broker at %1: every parlor-server started with the same broker and room serves it.</source>
        <translation>방은 %1의 브로커에 보관됩니다: 같은 브로커와 방 이름으로 시작한 모든 parlor-server가 이 방을 함께 제공합니다.</translation>
    </message>
</context>
<context>
    <name>StompFrameView</name>
    <message>
        <source>heart-beat</source>
        <translation>하트비트</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation>“%1”</translation>
    </message>
    <message numerus="yes">
        <source>heart-beat (%n end-of-line(s)): the peer is still there</source>
        <translation>
            <numerusform>하트비트(줄바꿈 %n개): 상대가 아직 연결되어 있습니다</numerusform>
        </translation>
    </message>
    <message>
        <source>STOMP %1</source>
        <translation>STOMP %1</translation>
    </message>
    <message>
        <source>no headers</source>
        <translation>헤더 없음</translation>
    </message>
    <message>
        <source>no body</source>
        <translation>본문 없음</translation>
    </message>
    <message numerus="yes">
        <source>body (%n byte(s) shown):</source>
        <translation>
            <numerusform>본문(%n바이트 표시):</numerusform>
        </translation>
    </message>
    <message>
        <source>(the rest of the frame is not in the preview)</source>
        <translation>(프레임의 나머지는 미리 보기에 없습니다)</translation>
    </message>
</context>
<context>
    <name>TlsIdentity</name>
    <message>
        <source>the file is larger than %1 bytes</source>
        <translation>파일이 %1바이트보다 큽니다</translation>
    </message>
    <message>
        <source>Cannot read the TLS certificate %1: %2</source>
        <translation>TLS 인증서 %1을(를) 읽을 수 없습니다: %2</translation>
    </message>
    <message>
        <source>it is empty</source>
        <translation>비어 있습니다</translation>
    </message>
    <message>
        <source>Cannot read the TLS key %1: %2</source>
        <translation>TLS 키 %1을(를) 읽을 수 없습니다: %2</translation>
    </message>
    <message>
        <source>%1 holds no PEM certificate.</source>
        <translation>%1에 PEM 인증서가 없습니다.</translation>
    </message>
    <message>
        <source>%1 holds no unencrypted PEM private key (an encrypted key cannot be used: the room starts without anyone to type its passphrase).</source>
        <translation>%1에 암호화되지 않은 PEM 개인 키가 없습니다(암호화된 키는 쓸 수 없습니다: 대화방은 암호를 입력할 사람 없이 시작됩니다).</translation>
    </message>
    <message>
        <source>The key %1 does not belong to the certificate %2.</source>
        <translation>키 %1은(는) 인증서 %2의 키가 아닙니다.</translation>
    </message>
    <message>
        <source>The key %1 is of a kind Parlor cannot use (RSA, ECDSA or DSA).</source>
        <translation>키 %1은(는) Parlor가 쓸 수 없는 종류입니다(RSA, ECDSA 또는 DSA만 가능).</translation>
    </message>
    <message>
        <source>Qt cannot use the key %1.</source>
        <translation>Qt가 키 %1을(를) 쓸 수 없습니다.</translation>
    </message>
    <message>
        <source>Only one of %1 and %2 is there; remove the other to let Parlor make a new certificate (joiners will have to trust it again).</source>
        <translation>%1과(와) %2 중 하나만 있습니다; Parlor가 새 인증서를 만들게 하려면 남은 하나를 지우세요(참여자는 새 인증서를 다시 신뢰해야 합니다).</translation>
    </message>
    <message>
        <source>Cannot create the directory %1.</source>
        <translation>디렉터리 %1을(를) 만들 수 없습니다.</translation>
    </message>
    <message>
        <source>Cannot make a certificate: %1</source>
        <translation>인증서를 만들 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Cannot keep the certificate in %1: %2</source>
        <translation>인증서를 %1에 보관할 수 없습니다: %2</translation>
    </message>
</context>
</TS>
