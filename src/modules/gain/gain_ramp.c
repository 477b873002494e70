/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Gain ramps: the curve is evaluated (in double) every GAIN_RAMP_KNOT_FRAMES
 * frames and followed linearly in between with integer steps, so the per
 * sample cost is one add; the knots are monotonic and each interpolated
 * step stays short of the next knot, so the whole ramp is monotonic.
 */
#include <math.h>

#include <vregion/ipc4/types.h>

#include "gain_priv.h"

#define GAIN_PI 3.14159265358979323846

/* -96 dB: where a dB-linear (LOG) ramp starts from or ends at silence. */
#define GAIN_LOG_FLOOR 33874.0

int64_t gain_from_volume(uint32_t volume)
{
	return volume >= IPC4_VOLUME_MAX ? GAIN_UNITY : (int64_t)volume;
}

uint32_t gain_ramp_frames(uint64_t duration, uint32_t rate)
{
	/* duration < 2^64 / 192000 in any sane config; clamp before multiplying */
	if (duration > ((uint64_t)1 << 40))
		duration = (uint64_t)1 << 40;
	uint64_t f = duration * rate / 10000000u;
	return f > ((uint64_t)1 << 31) ? (uint32_t)1 << 31 : (uint32_t)f;
}

static bool is_log(uint32_t curve)
{
	return curve == IPC4_CURVE_LOG || curve == IPC4_CURVE_LOG_ZC;
}

/* The curve's gain at ramp frame @p n (0..len), clamped between the ends. */
static int64_t curve_at(const struct gain_ch *c, uint32_t n)
{
	double t = (double)n / (double)c->len;
	double a = (double)c->start, b = (double)c->target, g;
	if (c->curve == IPC4_CURVE_WINDOWS_FADE) {
		g = a + (b - a) * (1.0 - cos(GAIN_PI * t)) * 0.5;
	} else if (is_log(c->curve) && (a > GAIN_LOG_FLOOR || b > GAIN_LOG_FLOOR)) {
		double la = a > GAIN_LOG_FLOOR ? a : GAIN_LOG_FLOOR;
		double lb = b > GAIN_LOG_FLOOR ? b : GAIN_LOG_FLOOR;
		g = la * pow(lb / la, t);
	} else {
		g = a + (b - a) * t;
	}
	double lo = a < b ? a : b, hi = a < b ? b : a;
	g = g < lo ? lo : g > hi ? hi : g;
	return (int64_t)llround(g);
}

/* Evaluate the next knot and the per-frame step toward it. */
static void knot(struct gain_ch *c)
{
	uint32_t end = c->len - c->pos > GAIN_RAMP_KNOT_FRAMES ? c->pos + GAIN_RAMP_KNOT_FRAMES
								: c->len;
	int64_t a = curve_at(c, c->pos), b = curve_at(c, end);
	c->acc = a * 65536;
	/* truncation toward zero keeps every step short of b: monotonic */
	c->step = (b - a) * 65536 / (int64_t)(end - c->pos);
	c->knot_end = end;
}

void gain_ch_set(struct gain_ch *c, uint32_t volume, uint32_t curve, uint32_t frames,
		 uint32_t rate)
{
	c->target_volume = volume;
	c->target = c->muted ? 0 : gain_from_volume(volume);
	c->curve = curve;
	if (curve == IPC4_CURVE_NONE || curve > IPC4_CURVE_LOG_ZC || frames == 0 ||
	    c->target == c->cur) {
		c->cur = c->target;
		c->ramping = false;
		c->len = c->pos = 0;
		return;
	}
	c->start = c->cur;
	c->len = frames;
	c->pos = 0;
	c->knot_end = 0;
	c->zc = curve == IPC4_CURVE_LINEAR_ZC || curve == IPC4_CURVE_LOG_ZC;
	c->zc_wait = 0;
	c->zc_max = rate / 20u + 1u; /* 50 ms: below any audible half period */
	c->ramping = true;
}

static bool zero_crossing(int32_t prev, int32_t x)
{
	return x == 0 || (prev < 0) != (x < 0);
}

/* The gain for this channel's next sample @p x; advances the ramp. */
static int64_t next_gain(struct gain_ch *c, int32_t x)
{
	if (!c->ramping)
		return c->cur;
	int64_t g = c->target;
	if (c->pos < c->len) {
		if (c->pos == c->knot_end)
			knot(c);
		c->acc += c->step;
		c->pos++;
		if (c->pos < c->len)
			g = c->acc / 65536;
	}
	bool done = c->pos >= c->len;
	if (!c->zc || zero_crossing(c->prev, x) || (done && ++c->zc_wait >= c->zc_max))
		c->cur = g;
	c->prev = x;
	if (done && c->cur == c->target)
		c->ramping = false;
	return c->cur;
}

static int32_t sext24(int32_t v)
{
	uint32_t u = (uint32_t)v & 0xFFFFFFu;
	return (int32_t)(u ^ 0x800000u) - 0x800000;
}

/* Round-to-nearest Q1.31 product; |g| <= unity so the result fits the input's width. */
static int32_t mul(int32_t x, int64_t g)
{
	return (int32_t)(((int64_t)x * g + ((int64_t)1 << 30)) >> 31);
}

static bool all_unity(const struct gain_priv *gp)
{
	if (gp->shift)
		return false;
	for (uint32_t i = 0; i < gp->channels; i++)
		if (gp->ch[i].ramping || gp->ch[i].cur != GAIN_UNITY)
			return false;
	return true;
}

void gain_apply(struct gain_priv *gp, void *data, uint32_t frames)
{
	gp->frames += frames;
	if (all_unity(gp))
		return; /* 0 dB: the input, bit for bit */
	uint32_t nch = gp->channels;
	if (gp->sfmt == GAIN_S16) {
		int16_t *s = data;
		for (uint32_t f = 0; f < frames; f++, s += nch)
			for (uint32_t i = 0; i < nch; i++)
				s[i] = (int16_t)(mul(s[i], next_gain(&gp->ch[i], s[i])) >> gp->shift);
		return;
	}
	int32_t *s = data;
	bool s24 = gp->sfmt == GAIN_S24_4LE;
	for (uint32_t f = 0; f < frames; f++, s += nch) {
		for (uint32_t i = 0; i < nch; i++) {
			int32_t x = s24 ? sext24(s[i]) : s[i];
			s[i] = mul(x, next_gain(&gp->ch[i], x)) >> gp->shift;
		}
	}
}
