// Runs independent pieces of work on the machine's cores. Used where the
// work splits into tasks that share nothing but read-only data (the rules
// over one snapshot, the Services of the traffic model): results are written
// by index, so the order of the output never depends on which thread ran
// what. worker_threads() also sizes the decoders' thread pools.
#pragma once

#include <cstddef>
#include <functional>

namespace hybridctl {

// One thread per core (at most 8), or HYBRIDCTL_THREADS when set (1: run
// everything on the caller's thread, as a single-threaded build would).
unsigned worker_threads();

// Calls task(i) once for every i in [0, count), on up to `threads` threads
// (the caller's included), taking indexes in increasing order. Returns when
// every task has returned. If tasks throw, the exception of the lowest index
// is rethrown here once all have finished; the other tasks still run.
void parallel_for(size_t count, unsigned threads, const std::function<void(size_t)>& task);

}  // namespace hybridctl
