/* Terminal progress line (see progress.h). */
#include "progress.h"

#include <time.h>
#include <unistd.h>

double progress_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

double progress_cpu(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

void progress_start(struct progress *p, FILE *f, bool enable, uint64_t total, unsigned rate)
{
	p->f = enable && f && isatty(fileno(f)) ? f : NULL;
	p->total = total;
	p->rate = rate;
	p->start = p->last = progress_now();
	p->drawn = false;
}

void progress_update(struct progress *p, uint64_t done)
{
	double now, speed;

	if (!p->f)
		return;
	now = progress_now();
	if (now - p->last < 0.2)
		return;
	p->last = now;
	speed = now > p->start && p->rate ? (double)done / p->rate / (now - p->start) : 0;
	if (p->total)
		fprintf(p->f, "\r%llu / %llu frames (%3.0f%%), %.1fx real time ",
			(unsigned long long)done, (unsigned long long)p->total,
			100.0 * (double)done / (double)p->total, speed);
	else
		fprintf(p->f, "\r%llu frames, %.1fx real time ", (unsigned long long)done, speed);
	fflush(p->f);
	p->drawn = true;
}

void progress_end(struct progress *p)
{
	if (p->f && p->drawn) {
		fprintf(p->f, "\r%60s\r", "");
		fflush(p->f);
	}
	p->drawn = false;
}
