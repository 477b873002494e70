/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Module configurations carried by INIT_INSTANCE (after ext-init), and the
 * volume runtime controls carried by LARGE_CONFIG_SET.
 *
 * Decoders take the configuration bytes (ipc4_init_instance.config) and
 * return IPC4_SUCCESS or IPC4_MOD_NOT_INITIALIZED (104), the single code the
 * reference gives for every INIT_INSTANCE failure; the volume controls
 * return IPC4_INVALID_RESOURCE_ID (9), the LARGE_CONFIG_SET setter code.
 * Encoders write little-endian bytes and return the length or a negative
 * errno (-EINVAL: buffer too small or unencodable; -ERANGE: a field too
 * wide). Pointers in decoded forms point into the caller's bytes; after a
 * refusal the output structure holds unspecified values.
 * No state; thread-safe; O(length).
 */
#ifndef VREGION_IPC4_MODCFG_H
#define VREGION_IPC4_MODCFG_H

#include <stddef.h>
#include <stdint.h>

#include <vregion/ipc4/types.h>

#ifdef __cplusplus
extern "C" {
#endif

#define IPC4_AUDIO_FMT_BYTES 24u
#define IPC4_BASE_CFG_BYTES 40u
#define IPC4_SRC_CFG_BYTES 44u
#define IPC4_VOLUME_CFG_BYTES 24u
#define IPC4_COPIER_CFG_MIN_BYTES 84u
#define IPC4_PIN_EXT_HDR_BYTES 16u
#define IPC4_PIN_FMT_BYTES 32u
#define IPC4_SWITCH_HDR_BYTES 20u

struct ipc4_audio_fmt {
	uint32_t sampling_frequency;
	uint32_t depth;
	uint32_t ch_map;
	uint32_t ch_cfg;
	uint32_t interleaving_style;
	uint32_t channels_count;
	uint32_t valid_bit_depth;
	uint32_t s_type;
};

struct ipc4_base_cfg {
	uint32_t cpc;
	uint32_t ibs;
	uint32_t obs;
	uint32_t is_pages;
	struct ipc4_audio_fmt fmt;
};

/** One pin format of the optional pin extension. */
struct ipc4_pin_fmt {
	uint32_t pin_index;
	uint32_t buf_size;            /**< ibs for an input pin, obs for an output pin */
	struct ipc4_audio_fmt fmt;
};

/** The pin extension (base config + 16-byte header + pin formats). */
struct ipc4_base_cfg_ext {
	uint32_t nb_input_pins;
	uint32_t nb_output_pins;
	struct ipc4_pin_fmt in[IPC4_MAX_PINS];
	struct ipc4_pin_fmt out[IPC4_MAX_PINS];
};

struct ipc4_src_cfg {
	struct ipc4_base_cfg base;    /**< fmt is the input format */
	uint32_t sink_rate;
};

/** One volume entry (init) or the LARGE_CONFIG_SET IPC4_VOLUME payload. */
struct ipc4_volume_cfg {
	uint32_t channel_id;          /**< 0..7 or IPC4_ALL_CHANNELS */
	uint32_t target_volume;       /**< Q1.31, 0..IPC4_VOLUME_MAX */
	uint32_t curve_type;          /**< enum ipc4_curve_type */
	uint64_t curve_duration;      /**< units of 100 ns */
};

struct ipc4_gain_cfg {
	struct ipc4_base_cfg base;
	uint32_t count;               /**< entries, 1..IPC4_MAX_CHANNELS */
	struct ipc4_volume_cfg ch[IPC4_MAX_CHANNELS];
};

struct ipc4_copier_cfg {
	struct ipc4_base_cfg base;    /**< fmt is input pin 0 */
	struct ipc4_audio_fmt out_fmt;
	uint32_t copier_feature_mask;
	uint32_t node_id;             /**< IPC4_INVALID_NODE_ID: no gateway */
	uint32_t dma_buffer_size;
	uint32_t config_length;       /**< gateway blob dwords (the field's value) */
	const uint8_t *config_data;   /**< 4 * max(1, config_length) bytes */
	uint32_t config_data_len;
};

/** Gateway address of a copier. */
struct ipc4_node_id {
	uint32_t v_index;
	uint32_t dma_type;
};

/** Mute switch control (large_param_id 200). */
struct ipc4_switch_ctl {
	uint32_t id;
	uint32_t num_elems;           /**< 1..IPC4_MAX_CHANNELS */
	uint32_t channel[IPC4_MAX_CHANNELS];
	uint32_t value[IPC4_MAX_CHANNELS];  /**< 0 mute, nonzero unmute */
};

/**
 * Strict check of an audio format (reference §4.3 [REC]): channels 1..8;
 * integer types take depth 16/24/32 with valid <= depth and valid in
 * {16, 24, 32}; unsigned takes 8/8; float 32/32; A-law and mu-law 8/8.
 * Returns IPC4_SUCCESS or IPC4_MOD_NOT_INITIALIZED.
 */
uint32_t ipc4_audio_fmt_check(const struct ipc4_audio_fmt *fmt);

/**
 * Base config: @p len in 40..IPC4_MAILBOX_SIZE, format per
 * ipc4_audio_fmt_check(). Bytes after the first 40 are the module's own.
 */
uint32_t ipc4_base_cfg_decode(const uint8_t *cfg, size_t len, struct ipc4_base_cfg *out);

/**
 * Pin extension of a config that the caller knows carries one (we never
 * guess it from the size): @p len must be exactly
 * 56 + 32 * (nb_input_pins + nb_output_pins), each count <= 8, every pin
 * format valid. Fills @p base and @p ext.
 */
uint32_t ipc4_base_cfg_ext_decode(const uint8_t *cfg, size_t len, struct ipc4_base_cfg *base,
				  struct ipc4_base_cfg_ext *ext);

/**
 * SRC: exactly 44 bytes; input rate and sink_rate nonzero; depth and
 * valid_bit_depth in {16, 24, 32}.
 */
uint32_t ipc4_src_cfg_decode(const uint8_t *cfg, size_t len, struct ipc4_src_cfg *out);

/**
 * Gain / peak volume: 40 + 24 * k bytes, 1 <= k <= 8. Entry 0 with
 * channel_id IPC4_ALL_CHANNELS applies to every channel; otherwise
 * k >= channels_count and entry i must name channel i. Every
 * target_volume <= IPC4_VOLUME_MAX and curve_type <= LOG_ZC.
 */
uint32_t ipc4_gain_cfg_decode(const uint8_t *cfg, size_t len, struct ipc4_gain_cfg *out);

/**
 * Copier: exactly 80 + 4 * max(1, config_length) bytes (so at least 84);
 * both formats valid. The gateway checks that need the pipeline and the
 * platform (parent pipeline, supported dma_type) belong to the handler.
 */
uint32_t ipc4_copier_cfg_decode(const uint8_t *cfg, size_t len, struct ipc4_copier_cfg *out);

/** Split a copier node_id. */
void ipc4_node_id_decode(uint32_t node_id, struct ipc4_node_id *out);
/** Build a node_id; returns -ERANGE for a too-wide field, else 0. */
int ipc4_node_id_encode(const struct ipc4_node_id *n, uint32_t *node_id);
/** Stream direction of a dma_type: 0 playback, 1 capture (reference §4.6). */
uint32_t ipc4_dma_type_direction(uint32_t dma_type);

/**
 * LARGE_CONFIG_SET IPC4_VOLUME payload: exactly 24 bytes, channel_id 0..7
 * or all, target_volume <= IPC4_VOLUME_MAX, curve_type <= LOG_ZC.
 * Returns IPC4_SUCCESS or IPC4_INVALID_RESOURCE_ID.
 */
uint32_t ipc4_volume_cfg_decode(const uint8_t *data, size_t len, struct ipc4_volume_cfg *out);
/** LARGE_CONFIG_SET IPC4_SET_ATTENUATION: exactly 4 bytes, 0..31. */
uint32_t ipc4_attenuation_decode(const uint8_t *data, size_t len, uint32_t *shift);
/**
 * Mute switch (param 200): exactly 20 + 8 * num_elems bytes,
 * 1 <= num_elems <= 8, every channel < 8.
 */
uint32_t ipc4_switch_ctl_decode(const uint8_t *data, size_t len, struct ipc4_switch_ctl *out);

/* Encoders: return bytes written (>0) or -EINVAL / -ERANGE. */
int ipc4_base_cfg_encode(const struct ipc4_base_cfg *c, uint8_t *out, size_t cap);
int ipc4_base_cfg_ext_encode(const struct ipc4_base_cfg *base, const struct ipc4_base_cfg_ext *ext,
			     uint8_t *out, size_t cap);
int ipc4_src_cfg_encode(const struct ipc4_src_cfg *c, uint8_t *out, size_t cap);
int ipc4_gain_cfg_encode(const struct ipc4_gain_cfg *c, uint8_t *out, size_t cap);
/** config_data_len must be 4 * max(1, config_length). */
int ipc4_copier_cfg_encode(const struct ipc4_copier_cfg *c, uint8_t *out, size_t cap);
int ipc4_volume_cfg_encode(const struct ipc4_volume_cfg *c, uint8_t *out, size_t cap);
int ipc4_switch_ctl_encode(const struct ipc4_switch_ctl *c, uint8_t *out, size_t cap);

#ifdef __cplusplus
}
#endif
#endif
