/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Shared pieces of the module tests: leak baselines, IPC4 configs, endpoint
 * streams in memory, and a pipeline builder
 *   host copier (1, 0) -> [middle modules] -> DAI copier (1, 1)
 * in pipeline 1 with a region.
 */
#ifndef TESTS_MODULES_HARNESS_H
#define TESTS_MODULES_HARNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <vregion/audio/audio_ctx.h>
#include <vregion/audio/fw.h>
#include <vregion/audio/pipeline.h>
#include <vregion/ipc4/modcfg.h>
#include <vregion/modules/modules.h>
#include <vregion/vregion.h>

/* What must come back after a teardown. */
struct mh_baseline {
	size_t regions, ctxs, sys_blocks, sys_invalid_frees, sys_corruptions;
};
struct mh_baseline mh_baseline_take(void);
void mh_baseline_check(const struct mh_baseline *b);

/* An IPC4 audio format for a copier sample format (interleaved, LSB integer or float). */
struct ipc4_audio_fmt mh_fmt(uint32_t rate, uint32_t channels, enum copier_sample_fmt f);
/* Bytes of one 1 ms period of @p f at @p rate, rounded up to whole frames. */
uint32_t mh_period_bytes(const struct ipc4_audio_fmt *f);

/* Encoded configs; return the length (asserted > 0). */
size_t mh_copier_cfg(uint8_t *out, size_t cap, const struct ipc4_audio_fmt *in,
		     const struct ipc4_audio_fmt *outf);
size_t mh_gain_cfg(uint8_t *out, size_t cap, const struct ipc4_audio_fmt *f,
		   const struct ipc4_volume_cfg *entries, uint32_t count);
size_t mh_src_cfg(uint8_t *out, size_t cap, const struct ipc4_audio_fmt *in, uint32_t sink_rate);

/* Module params for an encoded config. */
struct fw_module_params mh_params(uint32_t module_id, uint32_t instance, uint32_t pipeline,
				  enum module_domain domain, const uint8_t *cfg, size_t len);

/* Endpoint streams in memory. */
struct mh_source {
	const uint8_t *data;
	size_t frames, pos, frame_bytes;
	uint32_t max_read;   /* largest single read seen */
};
struct mh_sink {
	uint8_t *data;
	size_t cap_frames, frames, frame_bytes;
	size_t dropped;      /* frames beyond the capacity */
};
long mh_source_read(void *arg, void *buf, uint32_t frames);
int mh_sink_write(void *arg, const void *buf, uint32_t frames);

/* A firmware instance with every module type registered. */
struct fw_instance *mh_fw_new(void);

/*
 * Build pipeline @p ppl (region @p heap_bytes) with a host copier
 * (stream_in -> pipeline format) and a DAI copier (pipeline -> stream_out)
 * around the @p nmid modules given by @p mid (created in order, bound in a
 * chain), attach @p src / @p dst, and take it to PAUSED (complete).
 * Copier instance ids are 2*ppl and 2*ppl+1.
 */
void mh_build(struct fw_instance *fw, uint32_t ppl, size_t heap_bytes,
	      const struct ipc4_audio_fmt *stream_in, const struct ipc4_audio_fmt *pipe_in,
	      const struct ipc4_audio_fmt *pipe_out, const struct ipc4_audio_fmt *stream_out,
	      const struct fw_module_params *mid, size_t nmid, struct mh_source *src,
	      struct mh_sink *dst);

/* Region figures of pipeline @p ppl. */
struct vregion_stats mh_ppl_stats(struct fw_instance *fw, uint32_t ppl);
/* Region figures of module (@p id, @p inst) (its own region for DP, else its pipeline's). */
struct vregion_stats mh_mod_stats(struct fw_instance *fw, uint32_t id, uint32_t inst);

/* Deterministic pseudo-random 32-bit values. */
uint32_t mh_rand(uint32_t *state);

/**
 * True while any DP module of @p fw is inside process() or has banked work
 * it would run now: a quiet output only means "done" when this is false, so
 * a DP thread starved by a loaded machine is waited for, not cut short.
 */
bool mh_dp_pending(struct fw_instance *fw);

#endif
