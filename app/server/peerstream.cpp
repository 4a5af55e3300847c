#include "peerstream.h"

namespace Parlor {

// Out of line, so the vtable lives in one place.
PeerStream::~PeerStream() = default;

} // namespace Parlor
