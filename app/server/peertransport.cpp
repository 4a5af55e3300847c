#include "peertransport.h"

namespace Parlor {

PeerTransport::~PeerTransport() = default;

} // namespace Parlor
