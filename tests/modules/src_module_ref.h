/* SPDX-License-Identifier: BSD-3-Clause */
/* SRC module tests: the reference output (the engine alone, malloc memory, one call). */
#ifndef TESTS_MODULES_SRC_MODULE_REF_H
#define TESTS_MODULES_SRC_MODULE_REF_H

#include <stddef.h>
#include <stdint.h>

/*
 * Convert @p frames frames of @p in (interleaved Q1.31) from @p fs_in to
 * @p fs_out with the engine directly. Returns a malloc'd array and the
 * frame count in *@p out_frames.
 */
int32_t *src_ref_convert(uint32_t fs_in, uint32_t fs_out, uint32_t channels, const int32_t *in,
			 size_t frames, size_t *out_frames);

/* A multi-tone test signal (about -6 dBFS), a different mix per channel. */
void src_ref_signal(int32_t *out, size_t frames, uint32_t channels, uint32_t rate);



#include "modules_harness.h"

/* host copier (1, 2p) -> SRC (3, p) -> DAI copier (1, 2p+1) in pipeline p, Q1.31 streams. */
struct src_rig {
	struct fw_instance *fw;
	uint32_t ppl, fs_in, fs_out, ch;
	int32_t *in, *out;
	size_t frames, cap;
	struct mh_source src;
	struct mh_sink dst;
};

/*
 * Build it in @p fw: pipeline region @p heap, SRC in @p domain (DP region
 * @p dp_heap, 0 = default), @p frames frames of src_ref_signal() input.
 * Leaves the pipeline PAUSED-complete (READY).
 */
void src_rig_build(struct src_rig *r, struct fw_instance *fw, uint32_t ppl, size_t heap,
		   uint32_t fs_in, uint32_t fs_out, uint32_t ch, enum module_domain domain,
		   size_t dp_heap, size_t frames);
/* Replay the input from the start into an empty output. */
void src_rig_rewind(struct src_rig *r);
/* The SRC module of the rig. */
struct processing_module *src_rig_module(struct src_rig *r);
/* Free the rig's stream memory (not the firmware objects). */
void src_rig_free(struct src_rig *r);
/*
 * Check the output so far against the engine alone: every frame produced
 * equals the reference; returns the frames produced.
 */
size_t src_rig_check(struct src_rig *r);
#endif
