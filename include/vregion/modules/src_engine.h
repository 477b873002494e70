/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Sample-rate converter engine: synchronous polyphase FIR, exact rational
 * ratios, up to two stages, for every pair of
 *   8000 11025 12000 16000 22050 24000 32000 44100 48000 64000 88200 96000
 *   176400 192000 Hz (identity included).
 *
 * The engine never allocates. Its user (the SRC module) does:
 *   1. vr_src_plan()  -> the exact bytes of the state object, of the delay
 *      lines for its channel count, and the read-only coefficient tables;
 *   2. allocates the state and the delay lines (lifetime memory at module
 *      init) and takes each coefficient table through fast-get (shared,
 *      read-only: plan.coef[i] / plan.coef_bytes[i] is the source);
 *   3. vr_src_init() on that memory; vr_src_process() for every period;
 *      vr_src_reset() on stop (state cleared, buffers and plan kept, so a
 *      later start produces correct output with no new allocation).
 *
 * Data: interleaved frames of 1..VR_SRC_MAX_CHANNELS channels, Q1.31 in
 * int32. Arithmetic, chosen at build time (CMake VREGION_SRC_ARITH):
 *  - float: samples become float32 as they enter the delay lines, float32
 *    coefficients, 8 partial sums per output added in a fixed order, one
 *    rounding and saturation to Q1.31 per output (FPU targets, x86-64: the
 *    compiler vectorizes it from portable C; bit-identical at any -O level);
 *  - int: Q2.30 int32 coefficients, 32x32->64-bit products summed in a 64-bit
 *    accumulator, one rounding and saturation per output (what a DSP's MAC
 *    unit or a Cortex-M3/M4 SMLAL does; no floating point at all).
 * Neither needs libm.
 *
 * Thread safety: an engine object is used by one thread at a time; distinct
 * objects (and the shared tables) can be used concurrently.
 */
#ifndef VREGION_MODULES_SRC_ENGINE_H
#define VREGION_MODULES_SRC_ENGINE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define VR_SRC_MAX_CHANNELS 8
#define VR_SRC_MAX_STAGES 2

/** What a conversion needs; filled by vr_src_plan() before any allocation. */
struct vr_src_plan {
	uint32_t fs_in;
	uint32_t fs_out;
	uint32_t channels;
	uint32_t nstages;            /**< 0 = identity (plain copy) */
	size_t state_bytes;          /**< the engine object (stage descriptors included) */
	size_t delay_bytes;          /**< delay lines of all stages and channels, exact */
	size_t delay_bytes_per_channel;
	const void *coef[VR_SRC_MAX_STAGES];    /**< read-only tables (fast-get source) */
	size_t coef_bytes[VR_SRC_MAX_STAGES];   /**< size of each table, 0 when unused */
	size_t coef_bytes_total;
	uint32_t latency_us;         /**< group delay of the filters */
	uint32_t over_budget;        /**< 1: this pair exceeds the 16 KiB / 2 KiB targets */
	uint16_t filter_id[VR_SRC_MAX_STAGES]; /**< internal: the designed filters */
};

struct vr_src;

/**
 * Plan the conversion fs_in -> fs_out for `channels` channels.
 * Returns 0, or -EINVAL (unsupported rate, channels outside 1..8, NULL plan).
 * Time: O(1). Thread-safe (reads constant tables only).
 */
int vr_src_plan(struct vr_src_plan *plan, uint32_t fs_in, uint32_t fs_out, uint32_t channels);

/**
 * Build an engine in caller memory.
 * @mem, @mem_bytes:     >= plan->state_bytes, 8-byte aligned.
 * @delay, @delay_bytes: >= plan->delay_bytes (may be NULL when 0), 4-byte aligned
 *                       (the engine keeps its own sample format there).
 * @coef:                per stage, a table with the same content as
 *                       plan->coef[i] (the fast-get copy), or NULL to use
 *                       plan->coef[i] itself.
 * Returns the engine (== mem), or NULL on bad arguments. The delay lines are
 * cleared. Time: O(delay_bytes). Not thread-safe for the same memory.
 */
struct vr_src *vr_src_init(void *mem, size_t mem_bytes, void *delay, size_t delay_bytes,
			   const void *const coef[VR_SRC_MAX_STAGES],
			   const struct vr_src_plan *plan);

/**
 * Convert. Reads up to in_frames frames from @in and writes up to out_frames
 * frames to @out (both interleaved, plan->channels wide). Input is taken
 * while the delay lines have room, and output is produced while it can be;
 * *consumed and *produced report the frames. Call again with the rest of the
 * input (or more output room) to continue; nothing is lost between calls.
 * Returns 0, or -EINVAL for a NULL engine or NULL buffers with nonzero counts.
 * Time: O(in_frames + out_frames) times the filter length. No allocation.
 */
int vr_src_process(struct vr_src *src, const int32_t *in, uint32_t in_frames, int32_t *out,
		   uint32_t out_frames, uint32_t *consumed, uint32_t *produced);

/**
 * Back to the just-initialised state (silence history, phase 0) keeping the
 * plan, the delay-line memory and the coefficient pointers. O(delay_bytes).
 */
void vr_src_reset(struct vr_src *src);

/** The arithmetic this library was built with: "float32" or "int64". O(1). */
const char *vr_src_arith_name(void);

/** Upper bound of output frames from `in_frames` more input frames. O(1). */
uint32_t vr_src_max_output(const struct vr_src *src, uint32_t in_frames);

#ifdef __cplusplus
}
#endif

#endif /* VREGION_MODULES_SRC_ENGINE_H */
