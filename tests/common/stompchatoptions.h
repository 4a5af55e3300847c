#pragma once

#include "client/stompchat.h"
#include "rabbitmqbroker.h"

/// A StompChat on \a destination of the test's throw-away \a broker, logged in as its default
/// user: nickname \a nick, client id \a nick + \a clientSuffix.
inline Parlor::StompChat::Options stompChatOptions(const RabbitMqBroker &broker,
                                                   const QString &nick,
                                                   const QByteArray &destination,
                                                   const QString &clientSuffix)
{
    Parlor::StompChat::Options o;
    o.stomp.url = broker.webStompUrl();
    o.stomp.login = RabbitMqBroker::User;
    o.stomp.passcode = RabbitMqBroker::Password;
    o.destination = destination;
    o.nick = nick;
    o.clientId = nick + clientSuffix;
    return o;
}
