/*
 * Progress line for long runs: "frames done / total, speed x real time",
 * redrawn at most every 200 ms on stderr, only when stderr is a terminal.
 */
#ifndef VREGION_TOOL_PROGRESS_H
#define VREGION_TOOL_PROGRESS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct progress {
	FILE *f;               /* NULL: disabled */
	uint64_t total;        /* frames expected (0 unknown) */
	unsigned rate;         /* frames per second of audio */
	double start, last;    /* monotonic seconds */
	bool drawn;
};

/* Monotonic clock in seconds. */
double progress_now(void);
/* CPU time used by the process so far (every thread), in seconds. */
double progress_cpu(void);

/* Enable on @p f only if it is a terminal (isatty) and @p enable is true. */
void progress_start(struct progress *p, FILE *f, bool enable, uint64_t total, unsigned rate);
/* Redraw if due; cheap when not. */
void progress_update(struct progress *p, uint64_t done);
/* Erase the line. */
void progress_end(struct progress *p);

#endif
