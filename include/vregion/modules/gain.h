/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Gain ("peak volume", IPC4 module id 2): per-channel gain with a
 * click-free ramp.
 *
 * Configuration (ipc4-subset.md 4.5): at init the IPC4 gain config (base
 * config + 1..8 volume entries; entry 0 with channel_id all-ones applies to
 * every channel, else entry i to channel i; the ramp of entry 0 fades in
 * every start and serves mute/unmute). At run time LARGE_CONFIG_SET:
 *   param 0 (IPC4_VOLUME, one 24-byte entry, one channel or all) sets a
 *     new target and starts a ramp (a muted channel keeps it for unmute);
 *   param 1 (IPC4_SET_ATTENUATION, one u32 0..31) shifts the output right
 *     by that many bits (refused for 16-bit streams, as the reference);
 *   param 200 (switch: 20-byte header + {channel, value} pairs) mutes
 *     (value 0) or unmutes channels with entry 0's ramp;
 *   anything else (transition delay 2, ...) is refused with -EINVAL.
 * Volumes
 * are linear Q1.31, 0..0x7FFFFFFF; 0x7FFFFFFF is unity (0 dB, exactly: the
 * output is the input bit for bit). gain_q31_from_db() converts from dB.
 *
 * Ramps (curve_type, length curve_duration x 100 ns): NONE jumps; LINEAR is
 * linear in amplitude; WINDOWS_FADE a raised cosine (an S-curve, no slope
 * step at either end); LOG linear in dB (floor -96 dB for silence);
 * LINEAR_ZC and LOG_ZC follow those curves but change a channel's gain only
 * where its signal crosses zero, reaching the target at the first crossing
 * after the ramp (at the latest 50 ms after it). Every ramp is monotonic and
 * ends exactly on the target. The curve is evaluated every 32 frames and
 * interpolated linearly in between (integer arithmetic per sample).
 *
 * Runtime memory: a configuration arriving while the module's region is in
 * interim mode is copied into an interim allocation (mod_alloc) and handed
 * to the processing side; it takes effect at the start of the next process
 * call (or right away when the module is not running), and the copy is
 * freed then. During the pipeline's build (lifetime mode) it is applied
 * immediately, without a copy, so no lifetime memory is spent on it.
 *
 * Samples: 16-bit (S16), 24 in 32 (S24_4LE) and 32-bit (Q1.31) integer
 * containers, interleaved, 1..8 channels; input and output formats equal.
 * Arithmetic: 32x32->64 products rounded to nearest; no saturation is
 * needed since no gain exceeds unity.
 */
#ifndef VREGION_MODULES_GAIN_H
#define VREGION_MODULES_GAIN_H

#include <stdint.h>

#include <vregion/audio/module.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Most channels. */
#define GAIN_MAX_CHANNELS 8u
/** Internal unity gain (Q1.31 scale: 2^31; the IPC4 value 0x7FFFFFFF maps to it). */
#define GAIN_UNITY ((int64_t)1 << 31)
/** Frames between two evaluations of a ramp curve. */
#define GAIN_RAMP_KNOT_FRAMES 32u

/** The gain module type (id 2). */
extern const struct module_type gain_module_type;

/** One channel's gain state. */
struct gain_channel_info {
	uint32_t target_volume; /**< IPC4 Q1.31 target */
	int64_t current;        /**< internal gain now (GAIN_UNITY = 0 dB) */
	int64_t target;         /**< internal target */
	uint32_t curve_type;    /**< enum ipc4_curve_type of the running or last ramp */
	uint32_t ramp_frames;   /**< length of the running ramp, frames */
	uint32_t ramp_pos;      /**< frames of it done */
	int ramping;            /**< 1 while the gain moves */
	int muted;              /**< 1 while muted (target held at 0) */
};

/** Figures of a gain instance. */
struct gain_info {
	uint32_t channels;
	struct gain_channel_info ch[GAIN_MAX_CHANNELS];
	uint64_t configs_applied;   /**< runtime configurations that took effect */
	int config_pending;         /**< 1 while a runtime configuration waits */
	uint64_t frames;            /**< frames processed */
	uint32_t attenuation;       /**< right shift after the gain (IPC4_SET_ATTENUATION) */
};

/** Fill @p info. Returns 0 or -EINVAL (NULL or not a gain module). O(channels). */
int gain_get_info(struct processing_module *mod, struct gain_info *info);

/**
 * The IPC4 Q1.31 volume of @p db decibels: 0x7FFFFFFF for db >= 0, 0 for
 * db <= -200 or NaN, else round(10^(db/20) x 2^31). Thread-safe.
 */
uint32_t gain_q31_from_db(double db);

/** Decibels of an IPC4 Q1.31 volume (0x7FFFFFFF -> 0.0; 0 -> -HUGE_VAL). */
double gain_db_from_q31(uint32_t volume);

#ifdef __cplusplus
}
#endif
#endif /* VREGION_MODULES_GAIN_H */
