// Child processes (kubectl proxy) that must not outlive hybridctl, whatever
// ends it: a return, an exception, exit(), or SIGINT/SIGTERM/SIGHUP. Each
// child is registered while it runs; the signal handler stops every
// registered child, then lets the signal end hybridctl as it would have.
// (The children also get PR_SET_PDEATHSIG, which covers SIGKILL.)
#pragma once

#include <sys/types.h>

namespace hybridctl::live {

// Installs the signal handlers (once) and remembers `pid`.
void register_child(pid_t pid);
// Forgets `pid` (after it was stopped and reaped).
void unregister_child(pid_t pid);
// Sends SIGTERM to the process group `pid` leads, waits up to two seconds,
// then SIGKILLs it; reaps `pid`.
void stop_child(pid_t pid);

}  // namespace hybridctl::live
