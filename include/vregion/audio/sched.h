/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * DP scheduling: each DP module runs in its own thread.
 *
 * The thread is created with the module's stack size (0: the instance's
 * default; below the configured minimum: raised to it; never below the
 * host's PTHREAD_STACK_MIN; rounded up to whole pages) and named after the
 * module. It sleeps on a condition variable and runs the module's process
 * op when all of these hold: the task is running (pipeline started), not
 * held (quiesced by the control thread), an LL period has passed since its
 * last run (a tick), every bound input holds at least ibs bytes and every
 * bound output has room for obs bytes.
 *
 * The control thread reaches a DP thread only through this API: quiesce
 * (wait until it is outside process and keep it there), resume, start/stop
 * (running flag; stopping waits for the current run to end), and free (stop
 * the thread and join it; the caller releases the module's region after).
 *
 * LL scheduling is in fw.h (fw_ll_run_period(): one period on the caller's
 * thread).
 *
 * Thread safety: every function may be called from the control thread
 * while the DP thread runs; dp_task_tick() from the LL thread. A process
 * op must not call fw_* functions (the control thread may be waiting for
 * it while holding the instance lock).
 * Time: O(1), except that quiesce and stop wait for a run in progress to
 * end and dp_task_free() joins the thread.
 */
#ifndef VREGION_AUDIO_SCHED_H
#define VREGION_AUDIO_SCHED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <vregion/audio/module.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Most ticks a DP task may bank while it cannot run. */
#define DP_TASK_MAX_PENDING 4u

/**
 * Make @p mod's task and start its thread, idle (not running). @p stack_bytes
 * is the effective size (see dp_task_stack_size()). Returns 0, -ENOMEM, or
 * the thread error (-EAGAIN, also when vr_fault_inject(VR_FAULT_THREAD)).
 * On success mod->dp is set.
 */
int dp_task_new(struct processing_module *mod, size_t stack_bytes);

/**
 * The stack a DP thread gets for a request of @p requested bytes: 0 ->
 * @p dflt; then at least @p min_bytes and the host's minimum; rounded up
 * to whole pages.
 */
size_t dp_task_stack_size(size_t requested, size_t dflt, size_t min_bytes);

/** Stop and join @p mod's thread and free its task; mod->dp becomes NULL. NULL-safe. */
void dp_task_free(struct processing_module *mod);

/** Wait until the thread is outside process() and keep it out (nests). */
void dp_task_quiesce(struct processing_module *mod);
/** Undo one dp_task_quiesce(). */
void dp_task_resume(struct processing_module *mod);
/** Allow runs (pipeline started or released); clears banked ticks. */
void dp_task_start(struct processing_module *mod);
/** Forbid runs and wait for the current one to end (pause, stop). */
void dp_task_stop(struct processing_module *mod);
/** One LL period passed: bank a tick and wake the thread. */
void dp_task_tick(struct processing_module *mod);

/** Figures of a DP task. */
struct dp_task_info {
	uint64_t runs;        /**< process calls made */
	uint64_t errors;      /**< process calls that failed */
	size_t stack_bytes;   /**< stack the thread was created with */
	unsigned int pending; /**< ticks banked and not used yet */
	bool running;         /**< runs allowed (pipeline started) */
	bool busy;            /**< inside process() now */
	bool ready;           /**< would run now if woken */
};
/** Fill @p info. Returns 0 or -EINVAL (no task). */
int dp_task_info(struct processing_module *mod, struct dp_task_info *info);

#ifdef __cplusplus
}
#endif
#endif /* VREGION_AUDIO_SCHED_H */
