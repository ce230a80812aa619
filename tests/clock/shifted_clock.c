// One chosen "now" for every process of the test stack: preloaded (LD_PRELOAD) into wrangler and
// workerd, the identity provider, node's test runner and Chromium, it moves their wall clock by
// SHIFTED_CLOCK_OFFSET_SECONDS. All of them read the same shifted time, so a push made "on
// 28 March 2027" is not refused as clock ahead, and a token issued then is valid then.
//
// Only the wall clock moves: monotonic clocks (timers, timeouts) run as they are. Built and used by
// `cargo xtask test --date …` (xtask/src/test_dates.rs); product code knows nothing of it.
//
// Why not libfaketime (Debian's `faketime`): workerd's tcmalloc calls poll() while it initialises,
// libfaketime's poll() looks itself up with dlsym(), dlsym() allocates, and the allocator waits for
// its own initialisation: workerd hangs before it starts. This file wraps only the calls that read
// the wall clock, and makes the system call itself, so it needs neither dlsym nor malloc.
#define _GNU_SOURCE
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static long long offset_seconds(void) {
  static volatile int known = 0;
  static volatile long long offset = 0;
  if (!known) {
    const char *text = getenv("SHIFTED_CLOCK_OFFSET_SECONDS");
    offset = text ? strtoll(text, NULL, 10) : 0;
    known = 1;
  }
  return offset;
}

static int reads_the_wall_clock(clockid_t clock) {
  return clock == CLOCK_REALTIME || clock == CLOCK_REALTIME_COARSE || clock == CLOCK_REALTIME_ALARM ||
         clock == CLOCK_TAI;
}

int clock_gettime(clockid_t clock, struct timespec *now) {
  long result = syscall(SYS_clock_gettime, clock, now);
  if (result == 0 && reads_the_wall_clock(clock)) now->tv_sec += offset_seconds();
  return (int)result;
}

int gettimeofday(struct timeval *restrict now, void *restrict zone) {
  struct timespec precise;
  if (clock_gettime(CLOCK_REALTIME, &precise) != 0) return -1;
  now->tv_sec = precise.tv_sec;
  now->tv_usec = precise.tv_nsec / 1000;
  if (zone) {
    // As glibc: the obsolete time zone argument reads as UTC.
    struct timezone *old_style = zone;
    old_style->tz_minuteswest = 0;
    old_style->tz_dsttime = 0;
  }
  return 0;
}

time_t time(time_t *now) {
  struct timespec precise;
  if (clock_gettime(CLOCK_REALTIME, &precise) != 0) return (time_t)-1;
  if (now) *now = precise.tv_sec;
  return precise.tv_sec;
}

int timespec_get(struct timespec *now, int base) {
  if (base != TIME_UTC) return 0;
  return clock_gettime(CLOCK_REALTIME, now) == 0 ? base : 0;
}
