/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Pipelines: a pipeline owns an optional region; the modules in it allocate
 * from that region while it is being built (lifetime) and from what is left
 * once it is complete (interim).
 *
 * Memory and references - who holds which region reference (the table is
 * kept true by audio_ctx; for every context: region use_count == holders):
 *
 * | Holder                        | Context it holds                 | Taken              | Dropped                         |
 * |-------------------------------|----------------------------------|--------------------|---------------------------------|
 * | pipeline (heap_bytes > 0)     | its own: new region (creator)    | pipeline_new       | pipeline_free                   |
 * | pipeline (heap_bytes = 0)     | its own: system heap, no region  | pipeline_new       | pipeline_free                   |
 * | LL module in a pipeline       | the pipeline's (shared object)   | module creation    | module free (after its free op) |
 * | LL module without a pipeline  | its own: system heap, no region  | module creation    | module free                     |
 * | DP module                     | its own: new region (creator)    | module creation    | module free, after its thread   |
 * |                               |                                  |                    | was joined                      |
 * | buffer with a DP end          | the DP module's                  | bind               | unbind / deletion of either end |
 * | buffer LL -> LL               | the source module's (pipeline's) | bind               | unbind / deletion of either end |
 *
 * The context object is shared, never copied, and freed by whichever holder
 * releases last, so a pipeline freed before its modules leaves them a valid
 * context (SOF freed it: P2), a module whose init failed releases only its
 * own hold (M5), and a buffer outliving a DP module still has the DP
 * context (M2). The pipeline object itself is the first lifetime object of
 * its region. Nothing here is global: pipelines belong to a firmware
 * instance (fw.h).
 *
 * Sizing: heap_bytes is rounded up to whole pages; above
 * FW_MAX_HEAP_BYTES (64 MiB) it is refused, for pipelines as for DP modules
 * (SOF never capped the pipeline region: P3). A region that cannot be made
 * fails the creation (-ENOMEM) rather than silently falling back.
 *
 * pipeline_complete() (run lazily on the first RESET or PAUSED request, see
 * fw.h) switches the pipeline's region and every DP module's region of the
 * pipeline to interim, then allocates the rings of buffers that waited for
 * it.
 *
 * Thread safety: pipelines are driven by the firmware instance under its
 * lock; these accessors are for tests and tools.
 */
#ifndef VREGION_AUDIO_PIPELINE_H
#define VREGION_AUDIO_PIPELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <vregion/audio/audio_ctx.h>
#include <vregion/audio/module.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Pipeline status (IPC4 firmware's internal values). */
enum pipeline_status {
	PPL_STATUS_INIT = 1,
	PPL_STATUS_READY = 2,
	PPL_STATUS_PREPARE = 4,
	PPL_STATUS_PAUSED = 5,
	PPL_STATUS_ACTIVE = 6,
};

/** A pipeline. Fields are the framework's: use the functions. */
struct pipeline {
	uint32_t id;
	uint32_t priority;            /**< 0 runs first */
	enum pipeline_status status;
	bool eos;                     /**< end-of-stream flag (reported as EOS) */
	struct audio_ctx *ctx;        /**< held: the pipeline's own context */
	struct fw_instance *fw;
	struct processing_module *run_order; /**< this pipeline's modules, upstream first */
	uint64_t periods;             /**< LL periods run while ACTIVE */
	struct pipeline *next;        /**< firmware list, priority then creation order */
};

/**
 * Make pipeline @p id with priority @p priority; @p heap_bytes > 0 gives it a
 * region of that size (whole pages) holding the pipeline object as its first
 * lifetime allocation; 0 uses the system heap. Returns 0 and *@p out, or
 * -EINVAL (heap_bytes above FW_MAX_HEAP_BYTES, NULL out), -ENOMEM (nothing
 * kept). The firmware instance links it (fw_pipeline_new()).
 */
int pipeline_new(uint32_t id, uint32_t priority, size_t heap_bytes, struct pipeline **out);

/**
 * Free @p p: the object back to its context and the pipeline's hold on the
 * context. Modules still pointing at it are detached first (their holds
 * keep the context alive). NULL-safe; a pipeline with no context (built by
 * hand, as SOF's unit tests do) is only detached, its memory being its
 * builder's (SOF dereferenced the missing context: P1).
 */
void pipeline_free(struct pipeline *p);

/** The pipeline's region, or NULL. */
struct vregion *pipeline_region(const struct pipeline *p);
/** The pipeline's shared context. */
struct audio_ctx *pipeline_ctx(const struct pipeline *p);

#ifdef __cplusplus
}
#endif
#endif /* VREGION_AUDIO_PIPELINE_H */
