/* SPDX-License-Identifier: BSD-3-Clause */
/* Gain module internals shared by its files. */
#ifndef VREGION_GAIN_PRIV_H
#define VREGION_GAIN_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <vregion/ipc4/modcfg.h>
#include <vregion/modules/gain.h>

/** Sample containers the gain processes. */
enum gain_sfmt { GAIN_S16, GAIN_S24_4LE, GAIN_S32 };

/** One channel: applied gain and the ramp toward the target. */
struct gain_ch {
	uint32_t target_volume;  /* IPC4 value */
	int64_t cur;             /* applied now */
	int64_t start, target;   /* ramp ends */
	uint32_t curve;
	uint32_t len, pos;       /* ramp frames and frames done */
	bool ramping;
	bool muted;              /* target held at 0; target_volume kept for unmute */
	bool zc;                 /* change only at zero crossings */
	uint32_t zc_wait, zc_max;/* frames waited for a crossing after the ramp */
	int32_t prev;            /* last input sample (zero-crossing detection) */
	int64_t acc, step;       /* interpolation between knots, 16 extra fraction bits */
	uint32_t knot_end;       /* pos at which the next knot is evaluated */
};

struct gain_priv {
	enum gain_sfmt sfmt;
	uint32_t channels;
	uint32_t rate;
	uint32_t frame_bytes;
	uint32_t chunk;          /* frames per step (scratch size) */
	uint8_t *scratch;
	struct gain_ch ch[GAIN_MAX_CHANNELS];
	struct ipc4_volume_cfg start_ramp; /* entry 0 of the init config */
	uint32_t shift;          /* attenuation: right shift after the gain (0..31) */
	uint8_t *pending;        /* interim copy of a runtime config, or NULL */
	size_t pending_size;
	uint32_t pending_param;
	uint64_t configs_applied;
	uint64_t frames;
};

/** Internal gain of an IPC4 volume (0x7FFFFFFF is exactly unity). */
int64_t gain_from_volume(uint32_t volume);
/**
 * Point channel @p c at @p volume with @p curve over @p frames frames (0:
 * jump); a muted channel keeps @p volume for its unmute and stays at 0.
 */
void gain_ch_set(struct gain_ch *c, uint32_t volume, uint32_t curve, uint32_t frames,
		 uint32_t rate);
/** Frames of a curve_duration (100 ns units) at @p rate, clamped to 2^31. */
uint32_t gain_ramp_frames(uint64_t duration, uint32_t rate);
/** Apply the gains to @p frames interleaved frames in place. */
void gain_apply(struct gain_priv *gp, void *data, uint32_t frames);

#endif
