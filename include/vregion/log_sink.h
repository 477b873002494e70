/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Redirect the platform's log lines (tests capture them; a firmware can send
 * them to its own trace). Every platform layer implements this.
 */
#ifndef VREGION_LOG_SINK_H
#define VREGION_LOG_SINK_H

#include <vregion/platform.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Receives one formatted line (no newline); must not call into the core. */
typedef void (*vr_log_sink_fn)(enum vr_log_level level, const char *line, void *arg);

/**
 * Send every log line, whatever its level, to @p sink (NULL restores the
 * platform's default output). Lines longer than 255 characters are cut.
 * Not thread-safe against concurrent logging: set it while nothing logs.
 */
void vr_log_set_sink(vr_log_sink_fn sink, void *arg);

#ifdef __cplusplus
}
#endif
#endif /* VREGION_LOG_SINK_H */
