/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * SRC module (IPC4 module id 3): the sample-rate converter engine
 * (src_engine.h) as a framework module, LL or DP.
 *
 * Memory follows the seed (sof-vregion-spec.md 10.4), without its defects:
 *   init     plans the conversion (vr_src_plan) and allocates, through the
 *            module resource API, in lifetime memory of the module's
 *            context (the pipeline's region for LL, its own region for DP):
 *            the private data, the engine state (stage descriptors) of
 *            exactly plan.state_bytes, the delay lines of exactly
 *            plan.delay_bytes (the engine is told that size and checks it:
 *            SRC1), and one period of input and of output staging. The
 *            coefficient tables come from mod_fast_get: one read-only copy
 *            in the system heap shared by every SRC instance with the same
 *            filter, in every pipeline (never inside a pipeline's region).
 *            An unsupported rate pair fails here, not at prepare.
 *   prepare  checks the bound buffers' formats; allocates nothing (SRC2).
 *   process  converts what the input holds into the room the output has.
 *   reset    clears the engine's history and the staging but keeps every
 *            buffer and the engine itself, so the next start produces
 *            correct output again with no allocation (SRC3, SRC2).
 *   free     puts the tables back and frees the rest (mod_free_all).
 *
 * Configuration: the IPC4 SRC config (exactly 44 bytes: base config, input
 * format and rate, then sink_rate). Samples are Q1.31 in 32-bit containers
 * (depth 32, valid 32); 16- and 24-bit streams are promoted by the copier.
 * 1..8 channels; every rate pair of src_engine.h.
 */
#ifndef VREGION_MODULES_SRC_MODULE_H
#define VREGION_MODULES_SRC_MODULE_H

#include <stddef.h>
#include <stdint.h>

#include <vregion/audio/module.h>
#include <vregion/modules/src_engine.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The SRC module type (id 3). */
extern const struct module_type src_module_type;

/** What an SRC instance took and did. */
struct src_module_info {
	struct vr_src_plan plan;                    /**< the engine's plan */
	const void *coef[VR_SRC_MAX_STAGES];        /**< the shared copies in use */
	const void *state;                          /**< engine state block */
	const void *delay;                          /**< delay lines */
	size_t in_stage_frames, out_stage_frames;   /**< staging capacity */
	uint32_t staged_frames;                     /**< input frames waiting now */
	uint64_t frames_in, frames_out;             /**< since the last reset */
	uint64_t resets;
};

/** Fill @p info. Returns 0 or -EINVAL (NULL or not an SRC module). O(1). */
int src_module_get_info(struct processing_module *mod, struct src_module_info *info);

#ifdef __cplusplus
}
#endif
#endif /* VREGION_MODULES_SRC_MODULE_H */
