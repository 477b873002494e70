/* SPDX-License-Identifier: BSD-3-Clause */
/* Copier sample formats and their conversions through Q1.31. */
#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include <vregion/ipc4/types.h>
#include <vregion/modules/copier.h>

int copier_fmt_from_ipc4(const struct ipc4_audio_fmt *f, enum copier_sample_fmt *out)
{
	if (!f || !out)
		return -EINVAL;
	bool integer = f->s_type == IPC4_SAMPLE_MSB_INTEGER ||
		       f->s_type == IPC4_SAMPLE_LSB_INTEGER ||
		       f->s_type == IPC4_SAMPLE_SIGNED_INTEGER;
	if (f->s_type == IPC4_SAMPLE_FLOAT && f->depth == 32 && f->valid_bit_depth == 32) {
		*out = COPIER_FLOAT;
		return 0;
	}
	if (!integer)
		return -EINVAL;
	if (f->depth == 16 && f->valid_bit_depth == 16)
		*out = COPIER_S16;
	else if (f->depth == 24 && f->valid_bit_depth == 24)
		*out = COPIER_S24_3LE;
	else if (f->depth == 32 && f->valid_bit_depth == 24)
		*out = COPIER_S24_4LE;
	else if (f->depth == 32 && f->valid_bit_depth == 32)
		*out = COPIER_S32;
	else
		return -EINVAL;
	return 0;
}

size_t copier_sample_bytes(enum copier_sample_fmt f)
{
	switch (f) {
	case COPIER_S16: return 2;
	case COPIER_S24_3LE: return 3;
	case COPIER_S24_4LE:
	case COPIER_S32:
	case COPIER_FLOAT: return 4;
	}
	return 0;
}

/* Sign-extend the low 24 bits of @p v (the top byte of an S24_4LE container is ignored). */
static int32_t sext24(uint32_t v)
{
	v &= 0xFFFFFFu;
	return (int32_t)(v ^ 0x800000u) - 0x800000;
}

/* float (full scale +-1.0) -> Q1.31: round to nearest, saturate, NaN -> 0. */
static int32_t float_to_q31(float f)
{
	double v = (double)f * 2147483648.0;
	if (v != v)
		return 0;
	if (v >= 2147483647.0)
		return INT32_MAX;
	if (v <= -2147483648.0)
		return INT32_MIN;
	v += v >= 0.0 ? 0.5 : -0.5;
	return (int32_t)v; /* truncation after the half offset: nearest, ties away */
}

/* Narrow Q1.31 to @p bits bits: round to nearest (ties up), saturate. */
static int32_t q31_narrow(int32_t x, unsigned bits)
{
	unsigned shift = 32u - bits;
	int64_t v = ((int64_t)x + ((int64_t)1 << (shift - 1))) >> shift;
	int64_t max = ((int64_t)1 << (bits - 1)) - 1;
	return (int32_t)(v > max ? max : v);
}

void copier_to_q31(enum copier_sample_fmt f, const void *in, int32_t *out, size_t samples)
{
	const uint8_t *b = in;
	for (size_t i = 0; i < samples; i++) {
		switch (f) {
		case COPIER_S16: {
			int16_t s;
			memcpy(&s, b + 2 * i, 2);
			out[i] = (int32_t)((uint32_t)(int32_t)s << 16);
			break;
		}
		case COPIER_S24_3LE: {
			const uint8_t *p = b + 3 * i;
			uint32_t v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16;
			out[i] = (int32_t)((uint32_t)sext24(v) << 8);
			break;
		}
		case COPIER_S24_4LE: {
			uint32_t v;
			memcpy(&v, b + 4 * i, 4);
			out[i] = (int32_t)((uint32_t)sext24(v) << 8);
			break;
		}
		case COPIER_S32:
			memcpy(&out[i], b + 4 * i, 4);
			break;
		case COPIER_FLOAT: {
			float v;
			memcpy(&v, b + 4 * i, 4);
			out[i] = float_to_q31(v);
			break;
		}
		}
	}
}

void copier_from_q31(enum copier_sample_fmt f, const int32_t *in, void *out, size_t samples)
{
	uint8_t *b = out;
	for (size_t i = 0; i < samples; i++) {
		switch (f) {
		case COPIER_S16: {
			int16_t s = (int16_t)q31_narrow(in[i], 16);
			memcpy(b + 2 * i, &s, 2);
			break;
		}
		case COPIER_S24_3LE: {
			uint32_t v = (uint32_t)q31_narrow(in[i], 24);
			uint8_t *p = b + 3 * i;
			p[0] = (uint8_t)v;
			p[1] = (uint8_t)(v >> 8);
			p[2] = (uint8_t)(v >> 16);
			break;
		}
		case COPIER_S24_4LE: {
			int32_t v = q31_narrow(in[i], 24);
			memcpy(b + 4 * i, &v, 4);
			break;
		}
		case COPIER_S32:
			memcpy(b + 4 * i, &in[i], 4);
			break;
		case COPIER_FLOAT: {
			/* exact in double; one rounding to float */
			float v = (float)((double)in[i] / 2147483648.0);
			memcpy(b + 4 * i, &v, 4);
			break;
		}
		}
	}
}
