/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Module configurations (reference §4.3-§4.6) and the volume controls
 * (§4.5), decoded and encoded through the layout tables.
 */
#include <errno.h>
#include <string.h>

#include <vregion/ipc4/layouts.h>
#include <vregion/ipc4/modcfg.h>
#include <vregion/ipc4/status.h>

#define BAD IPC4_MOD_NOT_INITIALIZED

static int valid_int_depth(uint32_t bits)
{
	return bits == 16 || bits == 24 || bits == 32;
}

uint32_t ipc4_audio_fmt_check(const struct ipc4_audio_fmt *f)
{
	if (f->channels_count < 1 || f->channels_count > IPC4_MAX_CHANNELS)
		return BAD;
	switch (f->s_type) {
	case IPC4_SAMPLE_MSB_INTEGER:
	case IPC4_SAMPLE_LSB_INTEGER:
	case IPC4_SAMPLE_SIGNED_INTEGER:
		return valid_int_depth(f->depth) && valid_int_depth(f->valid_bit_depth) &&
		       f->valid_bit_depth <= f->depth ? IPC4_SUCCESS : BAD;
	case IPC4_SAMPLE_UNSIGNED_INTEGER:
	case IPC4_SAMPLE_A_LAW:
	case IPC4_SAMPLE_MU_LAW:
		return f->depth == 8 && f->valid_bit_depth == 8 ? IPC4_SUCCESS : BAD;
	case IPC4_SAMPLE_FLOAT:
		return f->depth == 32 && f->valid_bit_depth == 32 ? IPC4_SUCCESS : BAD;
	default:
		return BAD;
	}
}

uint32_t ipc4_base_cfg_decode(const uint8_t *cfg, size_t len, struct ipc4_base_cfg *out)
{
	if (!cfg || len < IPC4_BASE_CFG_BYTES || len > IPC4_MAILBOX_SIZE)
		return BAD;
	memset(out, 0, sizeof(*out));
	(void)ipc4_fields_decode_bytes(&ipc4_base_cfg_layout, cfg, len, out);
	return ipc4_audio_fmt_check(&out->fmt);
}

static uint32_t pins_decode(const uint8_t *p, uint32_t n, struct ipc4_pin_fmt *pins)
{
	for (uint32_t i = 0; i < n; i++) {
		(void)ipc4_fields_decode_bytes(&ipc4_pin_fmt_layout, p + i * IPC4_PIN_FMT_BYTES,
					       IPC4_PIN_FMT_BYTES, &pins[i]);
		if (ipc4_audio_fmt_check(&pins[i].fmt) != IPC4_SUCCESS)
			return BAD;
	}
	return IPC4_SUCCESS;
}

uint32_t ipc4_base_cfg_ext_decode(const uint8_t *cfg, size_t len, struct ipc4_base_cfg *base,
				  struct ipc4_base_cfg_ext *ext)
{
	const size_t hdr_end = IPC4_BASE_CFG_BYTES + IPC4_PIN_EXT_HDR_BYTES;
	uint32_t status;

	if (len < hdr_end)
		return BAD;
	status = ipc4_base_cfg_decode(cfg, len, base);
	if (status != IPC4_SUCCESS)
		return status;
	memset(ext, 0, sizeof(*ext));
	(void)ipc4_fields_decode_bytes(&ipc4_pin_ext_hdr_layout, cfg + IPC4_BASE_CFG_BYTES,
				       len - IPC4_BASE_CFG_BYTES, ext);
	if (ext->nb_input_pins > IPC4_MAX_PINS || ext->nb_output_pins > IPC4_MAX_PINS ||
	    len != hdr_end + IPC4_PIN_FMT_BYTES * (size_t)(ext->nb_input_pins + ext->nb_output_pins))
		return BAD;
	status = pins_decode(cfg + hdr_end, ext->nb_input_pins, ext->in);
	if (status == IPC4_SUCCESS)
		status = pins_decode(cfg + hdr_end + IPC4_PIN_FMT_BYTES * ext->nb_input_pins,
				     ext->nb_output_pins, ext->out);
	return status;
}

uint32_t ipc4_src_cfg_decode(const uint8_t *cfg, size_t len, struct ipc4_src_cfg *out)
{
	if (!cfg || len != IPC4_SRC_CFG_BYTES)
		return BAD;
	(void)ipc4_fields_decode_bytes(&ipc4_src_cfg_layout, cfg, len, out);
	if (ipc4_audio_fmt_check(&out->base.fmt) != IPC4_SUCCESS ||
	    out->base.fmt.sampling_frequency == 0 || out->sink_rate == 0 ||
	    !valid_int_depth(out->base.fmt.depth) ||
	    !valid_int_depth(out->base.fmt.valid_bit_depth))
		return BAD;
	return IPC4_SUCCESS;
}

static int volume_entry_ok(const struct ipc4_volume_cfg *v)
{
	return v->target_volume <= IPC4_VOLUME_MAX && v->curve_type <= IPC4_CURVE_LOG_ZC;
}

uint32_t ipc4_gain_cfg_decode(const uint8_t *cfg, size_t len, struct ipc4_gain_cfg *out)
{
	size_t tail;

	if (len < IPC4_BASE_CFG_BYTES + IPC4_VOLUME_CFG_BYTES ||
	    ipc4_base_cfg_decode(cfg, len, &out->base) != IPC4_SUCCESS)
		return BAD;
	tail = len - IPC4_BASE_CFG_BYTES;
	if (tail % IPC4_VOLUME_CFG_BYTES || tail / IPC4_VOLUME_CFG_BYTES > IPC4_MAX_CHANNELS)
		return BAD;
	out->count = (uint32_t)(tail / IPC4_VOLUME_CFG_BYTES);
	for (uint32_t i = 0; i < out->count; i++) {
		struct ipc4_volume_cfg *v = &out->ch[i];

		(void)ipc4_fields_decode_bytes(&ipc4_volume_cfg_layout,
					       cfg + IPC4_BASE_CFG_BYTES + i * IPC4_VOLUME_CFG_BYTES,
					       IPC4_VOLUME_CFG_BYTES, v);
		if (!volume_entry_ok(v))
			return BAD;
	}
	if (out->ch[0].channel_id == IPC4_ALL_CHANNELS)
		return IPC4_SUCCESS;
	/* per-channel entries: one per channel, each naming its own position */
	if (out->count < out->base.fmt.channels_count)
		return BAD;
	for (uint32_t i = 0; i < out->count; i++)
		if (out->ch[i].channel_id != i)
			return BAD;
	return IPC4_SUCCESS;
}

#define COPIER_FIXED_BYTES 80u

uint32_t ipc4_copier_cfg_decode(const uint8_t *cfg, size_t len, struct ipc4_copier_cfg *out)
{
	uint64_t blob;

	if (!cfg || len < IPC4_COPIER_CFG_MIN_BYTES || len > IPC4_MAILBOX_SIZE)
		return BAD;
	(void)ipc4_fields_decode_bytes(&ipc4_copier_cfg_layout, cfg, len, out);
	blob = 4u * (uint64_t)(out->config_length > 1 ? out->config_length : 1);
	if (len != COPIER_FIXED_BYTES + blob ||
	    ipc4_audio_fmt_check(&out->base.fmt) != IPC4_SUCCESS ||
	    ipc4_audio_fmt_check(&out->out_fmt) != IPC4_SUCCESS)
		return BAD;
	out->config_data = cfg + COPIER_FIXED_BYTES;
	out->config_data_len = (uint32_t)blob;
	return IPC4_SUCCESS;
}

void ipc4_node_id_decode(uint32_t node_id, struct ipc4_node_id *out)
{
	const uint32_t w[1] = { node_id };

	memset(out, 0, sizeof(*out));
	ipc4_fields_decode(&ipc4_node_id_layout, w, out);
}

int ipc4_node_id_encode(const struct ipc4_node_id *n, uint32_t *node_id)
{
	uint32_t w[1] = { 0 };
	int ret = ipc4_fields_encode(&ipc4_node_id_layout, n, w);

	if (!ret)
		*node_id = w[0];
	return ret;
}

uint32_t ipc4_dma_type_direction(uint32_t dma_type)
{
	switch (dma_type) {
	case 20:        /* IPC output: capture */
		return 1;
	case 21:        /* IPC input: playback */
		return 0;
	default:        /* host, link, DMIC, I2S, ALH, UAOL: odd is capture */
		return dma_type % 2u;
	}
}

#define CTL_BAD IPC4_INVALID_RESOURCE_ID

uint32_t ipc4_volume_cfg_decode(const uint8_t *data, size_t len, struct ipc4_volume_cfg *out)
{
	if (!data || len != IPC4_VOLUME_CFG_BYTES)
		return CTL_BAD;
	(void)ipc4_fields_decode_bytes(&ipc4_volume_cfg_layout, data, len, out);
	if ((out->channel_id >= IPC4_MAX_CHANNELS && out->channel_id != IPC4_ALL_CHANNELS) ||
	    !volume_entry_ok(out))
		return CTL_BAD;
	return IPC4_SUCCESS;
}

uint32_t ipc4_attenuation_decode(const uint8_t *data, size_t len, uint32_t *shift)
{
	if (!data || len != 4u || ipc4_le32(data) > 31u)
		return CTL_BAD;
	*shift = ipc4_le32(data);
	return IPC4_SUCCESS;
}

uint32_t ipc4_switch_ctl_decode(const uint8_t *data, size_t len, struct ipc4_switch_ctl *out)
{
	if (!data || len < IPC4_SWITCH_HDR_BYTES)
		return CTL_BAD;
	memset(out, 0, sizeof(*out));
	(void)ipc4_fields_decode_bytes(&ipc4_switch_hdr_layout, data, len, out);
	if (out->num_elems < 1 || out->num_elems > IPC4_MAX_CHANNELS ||
	    len != IPC4_SWITCH_HDR_BYTES + 8u * (size_t)out->num_elems)
		return CTL_BAD;
	for (uint32_t i = 0; i < out->num_elems; i++) {
		const uint8_t *p = data + IPC4_SWITCH_HDR_BYTES + 8u * i;

		out->channel[i] = ipc4_le32(p);
		out->value[i] = ipc4_le32(p + 4);
		if (out->channel[i] >= IPC4_MAX_CHANNELS)
			return CTL_BAD;
	}
	return IPC4_SUCCESS;
}

/* ---- encoders ---- */

static int put_layout(const struct ipc4_layout *l, const void *s, uint8_t *out, size_t cap)
{
	if (!out || cap < 4u * (size_t)l->words)
		return -EINVAL;
	return ipc4_fields_encode_bytes(l, s, out, cap);
}

int ipc4_base_cfg_encode(const struct ipc4_base_cfg *c, uint8_t *out, size_t cap)
{
	int ret = put_layout(&ipc4_base_cfg_layout, c, out, cap);

	return ret ? ret : (int)IPC4_BASE_CFG_BYTES;
}

static int pins_encode(const struct ipc4_pin_fmt *pins, uint32_t n, uint8_t *out, size_t cap)
{
	for (uint32_t i = 0; i < n; i++) {
		int ret = put_layout(&ipc4_pin_fmt_layout, &pins[i], out + i * IPC4_PIN_FMT_BYTES,
				     cap - i * IPC4_PIN_FMT_BYTES);
		if (ret)
			return ret;
	}
	return 0;
}

int ipc4_base_cfg_ext_encode(const struct ipc4_base_cfg *base, const struct ipc4_base_cfg_ext *ext,
			     uint8_t *out, size_t cap)
{
	const size_t hdr_end = IPC4_BASE_CFG_BYTES + IPC4_PIN_EXT_HDR_BYTES;
	size_t total;
	int ret;

	if (ext->nb_input_pins > IPC4_MAX_PINS || ext->nb_output_pins > IPC4_MAX_PINS)
		return -EINVAL;
	total = hdr_end + IPC4_PIN_FMT_BYTES * (size_t)(ext->nb_input_pins + ext->nb_output_pins);
	if (!out || cap < total)
		return -EINVAL;
	ret = put_layout(&ipc4_base_cfg_layout, base, out, cap);
	if (!ret)
		ret = put_layout(&ipc4_pin_ext_hdr_layout, ext, out + IPC4_BASE_CFG_BYTES,
				 cap - IPC4_BASE_CFG_BYTES);
	if (!ret)
		ret = pins_encode(ext->in, ext->nb_input_pins, out + hdr_end, cap - hdr_end);
	if (!ret)
		ret = pins_encode(ext->out, ext->nb_output_pins,
				  out + hdr_end + IPC4_PIN_FMT_BYTES * ext->nb_input_pins,
				  cap - hdr_end - IPC4_PIN_FMT_BYTES * ext->nb_input_pins);
	return ret ? ret : (int)total;
}

int ipc4_src_cfg_encode(const struct ipc4_src_cfg *c, uint8_t *out, size_t cap)
{
	int ret = put_layout(&ipc4_src_cfg_layout, c, out, cap);

	return ret ? ret : (int)IPC4_SRC_CFG_BYTES;
}

int ipc4_gain_cfg_encode(const struct ipc4_gain_cfg *c, uint8_t *out, size_t cap)
{
	size_t total = IPC4_BASE_CFG_BYTES + IPC4_VOLUME_CFG_BYTES * (size_t)c->count;
	int ret;

	if (c->count < 1 || c->count > IPC4_MAX_CHANNELS || !out || cap < total)
		return -EINVAL;
	ret = put_layout(&ipc4_base_cfg_layout, &c->base, out, cap);
	for (uint32_t i = 0; !ret && i < c->count; i++)
		ret = put_layout(&ipc4_volume_cfg_layout, &c->ch[i],
				 out + IPC4_BASE_CFG_BYTES + i * IPC4_VOLUME_CFG_BYTES,
				 IPC4_VOLUME_CFG_BYTES);
	return ret ? ret : (int)total;
}

int ipc4_copier_cfg_encode(const struct ipc4_copier_cfg *c, uint8_t *out, size_t cap)
{
	uint64_t blob = 4u * (uint64_t)(c->config_length > 1 ? c->config_length : 1);
	uint64_t total = COPIER_FIXED_BYTES + blob;
	int ret;

	if (c->config_data_len != blob || !c->config_data || !out || cap < total ||
	    total > IPC4_MAILBOX_SIZE)
		return -EINVAL;
	ret = put_layout(&ipc4_copier_cfg_layout, c, out, cap);
	if (ret)
		return ret;
	memcpy(out + COPIER_FIXED_BYTES, c->config_data, (size_t)blob);
	return (int)total;
}

int ipc4_volume_cfg_encode(const struct ipc4_volume_cfg *c, uint8_t *out, size_t cap)
{
	int ret = put_layout(&ipc4_volume_cfg_layout, c, out, cap);

	return ret ? ret : (int)IPC4_VOLUME_CFG_BYTES;
}

int ipc4_switch_ctl_encode(const struct ipc4_switch_ctl *c, uint8_t *out, size_t cap)
{
	size_t total = IPC4_SWITCH_HDR_BYTES + 8u * (size_t)c->num_elems;
	int ret;

	if (c->num_elems > IPC4_MAX_CHANNELS || !out || cap < total)
		return -EINVAL;
	ret = put_layout(&ipc4_switch_hdr_layout, c, out, cap);
	if (ret)
		return ret;
	for (uint32_t i = 0; i < c->num_elems; i++) {
		ipc4_put_le32(out + IPC4_SWITCH_HDR_BYTES + 8u * i, c->channel[i]);
		ipc4_put_le32(out + IPC4_SWITCH_HDR_BYTES + 8u * i + 4u, c->value[i]);
	}
	return (int)total;
}
