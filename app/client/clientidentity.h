#pragma once

#include <QString>

namespace Parlor {

/// The stable random id of this installation, sent in `hello` so the room recognises a re-sent
/// message and a reconnect of the same client. Made once and kept in the app's settings.
class ClientIdentity
{
public:
    static QString id();
};

} // namespace Parlor
