// ArtDmx receiver with kernel receive timestamps (SO_TIMESTAMPNS), so the frame clock is measured on the wire
// and not through the receiver's own scheduling (a Node receiver on the same 2-core machine adds its event
// loop's jitter). Built by bench/dmx.bench.ts with the system C compiler when there is one.
// Usage: artnet-receiver <address> <port>. Prints "ready", then one JSON line on SIGTERM: per-frame intervals
// from the kernel's timestamps and from the moment recvmsg returned, and sequence gaps.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_FRAMES 4000000
#define PORT_ADDRESSES 32768

static volatile sig_atomic_t stopping = 0;
static void on_term(int sig) { (void)sig; stopping = 1; }

static uint16_t *frame_pa;
static double *frame_kernel_ms;
static double *frame_app_ms;
static uint8_t *frame_seq;
static size_t frames = 0;

static double ms(const struct timespec *t) { return (double)t->tv_sec * 1e3 + (double)t->tv_nsec / 1e6; }

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/** Intervals between consecutive frames of each Port-Address, sorted; returns how many. */
static size_t intervals(const double *times, double *out) {
  static double last[PORT_ADDRESSES];
  static uint8_t seen[PORT_ADDRESSES];
  memset(seen, 0, sizeof seen);
  size_t n = 0;
  for (size_t i = 0; i < frames; i++) {
    uint16_t pa = frame_pa[i];
    if (seen[pa]) out[n++] = times[i] - last[pa];
    last[pa] = times[i];
    seen[pa] = 1;
  }
  qsort(out, n, sizeof *out, cmp);
  return n;
}

static double at(const double *sorted, size_t n, double q) {
  if (n == 0) return -1;
  size_t i = (size_t)(q * (double)n);
  if (i >= n) i = n - 1;
  return sorted[i];
}

static void print_stats(const char *name, const double *times, double *scratch) {
  size_t n = intervals(times, scratch);
  printf("\"%s\":{\"n\":%zu,\"p50\":%.3f,\"p99\":%.3f,\"p1\":%.3f,\"max\":%.3f}", name, n, at(scratch, n, 0.5), at(scratch, n, 0.99), at(scratch, n, 0.01), at(scratch, n, 1.0));
}

int main(int argc, char **argv) {
  const char *address = argc > 1 ? argv[1] : "127.0.0.2";
  int port = argc > 2 ? atoi(argv[2]) : 6454;
  frame_pa = malloc(MAX_FRAMES * sizeof *frame_pa);
  frame_kernel_ms = malloc(MAX_FRAMES * sizeof *frame_kernel_ms);
  frame_app_ms = malloc(MAX_FRAMES * sizeof *frame_app_ms);
  frame_seq = malloc(MAX_FRAMES);
  double *scratch = malloc(MAX_FRAMES * sizeof *scratch);
  if (!frame_pa || !frame_kernel_ms || !frame_app_ms || !frame_seq || !scratch) return 2;

  int fd = socket(AF_INET, SOCK_DGRAM, 0);
  int on = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on);
  int rcvbuf = 8 << 20;
  setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
  struct sockaddr_in sa = {0};
  sa.sin_family = AF_INET;
  sa.sin_port = htons((uint16_t)port);
  inet_pton(AF_INET, address, &sa.sin_addr);
  if (bind(fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
    perror("bind");
    return 1;
  }
  struct sigaction act = {0};
  act.sa_handler = on_term; // no SA_RESTART: recvmsg returns EINTR
  sigaction(SIGTERM, &act, NULL);
  printf("ready\n");
  fflush(stdout);

  uint8_t buf[1024];
  char control[256];
  while (!stopping) {
    struct iovec iov = {buf, sizeof buf};
    struct msghdr msg = {0};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    ssize_t len = recvmsg(fd, &msg, 0);
    if (len < 0) {
      if (errno == EINTR) continue;
      perror("recvmsg");
      return 1;
    }
    struct timespec app;
    clock_gettime(CLOCK_REALTIME, &app);
    // ArtDmx: "Art-Net\0", OpCode 0x5000 little-endian, sequence at 12, SubUni at 14, Net at 15 (PROTOCOLS.md §2).
    if (len < 18 || memcmp(buf, "Art-Net", 8) != 0 || buf[8] != 0x00 || buf[9] != 0x50 || frames >= MAX_FRAMES) continue;
    struct timespec kernel = app;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c))
      if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS) memcpy(&kernel, CMSG_DATA(c), sizeof kernel);
    frame_pa[frames] = (uint16_t)((buf[14] | (buf[15] << 8)) & 0x7fff);
    frame_seq[frames] = buf[12];
    frame_kernel_ms[frames] = ms(&kernel);
    frame_app_ms[frames] = ms(&app);
    frames++;
  }

  // Sequence gaps per Port-Address: 1..255 wrapping 255 -> 1 (0 = sequencing off, not counted).
  static int16_t last_seq[PORT_ADDRESSES];
  for (size_t i = 0; i < PORT_ADDRESSES; i++) last_seq[i] = -1;
  long gaps = 0;
  size_t universes = 0;
  for (size_t i = 0; i < frames; i++) {
    uint16_t pa = frame_pa[i];
    int s = frame_seq[i];
    if (last_seq[pa] < 0) universes++;
    else if (s != 0 && last_seq[pa] != 0) {
      int expected = last_seq[pa] == 255 ? 1 : last_seq[pa] + 1;
      if (s != expected) gaps += (s - expected + 255) % 255;
    }
    last_seq[pa] = (int16_t)s;
  }
  printf("{\"receiver\":\"c, kernel timestamps (SO_TIMESTAMPNS)\",\"universes\":%zu,\"frames\":%zu,\"sequenceGaps\":%ld,", universes, frames, gaps);
  print_stats("intervalMs", frame_kernel_ms, scratch);
  printf(",");
  print_stats("intervalAtReceiverMs", frame_app_ms, scratch);
  printf("}\n");
  fflush(stdout);
  close(fd);
  return 0;
}
