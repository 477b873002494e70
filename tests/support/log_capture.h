/* SPDX-License-Identifier: BSD-3-Clause */
/* Test helper: capture the core's log lines to check what was reported. */
#ifndef VREGION_TEST_LOG_CAPTURE_H
#define VREGION_TEST_LOG_CAPTURE_H

#include <string.h>

#include <vregion/log_sink.h>

struct log_capture {
	unsigned int lines;
	char last[256];
};

static inline void log_capture_sink(enum vr_log_level level, const char *line, void *arg)
{
	struct log_capture *cap = arg;
	(void)level;
	cap->lines++;
	strncpy(cap->last, line, sizeof(cap->last) - 1);
	cap->last[sizeof(cap->last) - 1] = '\0';
}

static inline void log_capture_start(struct log_capture *cap)
{
	memset(cap, 0, sizeof(*cap));
	vr_log_set_sink(log_capture_sink, cap);
}

static inline void log_capture_stop(void)
{
	vr_log_set_sink(NULL, NULL);
}

#endif
