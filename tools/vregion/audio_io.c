/* Audio file input and output through libsndfile. */
#include "audio_io.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <sndfile.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct audio_in {
	struct audio_format fmt;
	uint64_t frames, pos;
	char name[TOPO_PATH_MAX];
	SNDFILE *sf;             /* NULL for the generator */
};

struct audio_out {
	struct audio_format fmt;
	SNDFILE *sf;
	int32_t *scratch;
	size_t scratch_frames;
};

size_t audio_sample_bytes(enum topo_format f)
{
	return f == TOPO_FMT_S16 ? 2 : 4;
}

static int format_of(int sf_format, enum topo_format *f)
{
	int major = sf_format & SF_FORMAT_TYPEMASK;

	if (major != SF_FORMAT_WAV && major != SF_FORMAT_WAVEX && major != SF_FORMAT_FLAC &&
	    major != SF_FORMAT_RF64)
		return -ENOTSUP;
	switch (sf_format & SF_FORMAT_SUBMASK) {
	case SF_FORMAT_PCM_16: *f = TOPO_FMT_S16; return 0;
	case SF_FORMAT_PCM_24: *f = TOPO_FMT_S24; return 0;
	case SF_FORMAT_PCM_32: *f = TOPO_FMT_S32; return 0;
	case SF_FORMAT_FLOAT: *f = TOPO_FMT_FLOAT; return 0;
	default: return -ENOTSUP;
	}
}

int audio_open_read(const char *path, struct audio_in **inp, char *err, size_t errlen)
{
	SF_INFO info = { 0 };
	struct audio_in *in;
	SNDFILE *sf = sf_open(path, SFM_READ, &info);
	enum topo_format f;

	*inp = NULL;
	if (!sf) {
		snprintf(err, errlen, "%s: cannot open audio file: %s", path, sf_strerror(NULL));
		return -ENOENT;
	}
	if (format_of(info.format, &f)) {
		snprintf(err, errlen,
			 "%s: unsupported audio format (WAV or FLAC with 16, 24 or 32-bit integer or float samples)",
			 path);
		sf_close(sf);
		return -ENOTSUP;
	}
	if (info.channels < 1 || info.channels > TOPO_MAX_CHANNELS || info.samplerate < 1) {
		snprintf(err, errlen, "%s: %d channels, at most %d are supported", path,
			 info.channels, TOPO_MAX_CHANNELS);
		sf_close(sf);
		return -ENOTSUP;
	}
	in = calloc(1, sizeof(*in));
	if (!in) {
		sf_close(sf);
		snprintf(err, errlen, "%s: out of memory", path);
		return -ENOMEM;
	}
	in->sf = sf;
	in->fmt.rate = (unsigned)info.samplerate;
	in->fmt.channels = (unsigned)info.channels;
	in->fmt.format = f;
	in->frames = (uint64_t)info.frames;
	snprintf(in->name, sizeof(in->name), "%s", path);
	*inp = in;
	return 0;
}

int audio_open_generator(const struct audio_format *fmt, uint64_t frames, struct audio_in **inp)
{
	struct audio_in *in = calloc(1, sizeof(*in));

	*inp = NULL;
	if (!in)
		return -ENOMEM;
	if (!fmt->rate || !fmt->channels || fmt->channels > TOPO_MAX_CHANNELS) {
		free(in);
		return -EINVAL;
	}
	in->fmt = *fmt;
	in->frames = frames;
	snprintf(in->name, sizeof(in->name), "generated test signal");
	*inp = in;
	return 0;
}

const struct audio_format *audio_in_format(const struct audio_in *in) { return &in->fmt; }
uint64_t audio_in_frames(const struct audio_in *in) { return in->frames; }
const char *audio_in_name(const struct audio_in *in) { return in->name; }

static int32_t *scratch(int32_t **buf, size_t *have, size_t frames, unsigned channels)
{
	if (*have < frames) {
		int32_t *n = realloc(*buf, frames * channels * sizeof(int32_t));

		if (!n)
			return NULL;
		*buf = n;
		*have = frames;
	}
	return *buf;
}

/* Quantise a sample in [-1, 1) to the stream format, rounding and clipping. */
static void put_sample(void *buf, size_t i, enum topo_format f, double v)
{
	double full;

	if (f == TOPO_FMT_FLOAT) {
		((float *)buf)[i] = (float)v;
		return;
	}
	full = f == TOPO_FMT_S16 ? 32768.0 : f == TOPO_FMT_S24 ? 8388608.0 : 2147483648.0;
	v = v * full;
	v = v < 0 ? v - 0.5 : v + 0.5;
	if (v >= full - 1)
		v = full - 1;
	if (v < -full)
		v = -full;
	if (f == TOPO_FMT_S16)
		((int16_t *)buf)[i] = (int16_t)v;
	else
		((int32_t *)buf)[i] = (int32_t)v;
}

static long generate(struct audio_in *in, void *buf, size_t frames)
{
	static const double freq[TOPO_MAX_CHANNELS] = { 997, 1499, 443, 2011, 661, 1777, 331, 2503 };
	const double two_pi = 6.283185307179586;
	uint64_t left = in->frames - in->pos;
	size_t n = frames < left ? frames : (size_t)left;

	for (size_t k = 0; k < n; k++) {
		double tsec = (double)(in->pos + k) / in->fmt.rate;

		for (unsigned c = 0; c < in->fmt.channels; c++) {
			double f = freq[c];

			while (f > 0.45 * in->fmt.rate)
				f /= 2;
			put_sample(buf, k * in->fmt.channels + c, in->fmt.format,
				   0.5 * sin(two_pi * f * tsec));
		}
	}
	in->pos += n;
	return (long)n;
}

long audio_read(struct audio_in *in, void *buf, size_t frames)
{
	sf_count_t n;
	size_t samples;

	if (!in->sf)
		return generate(in, buf, frames);
	switch (in->fmt.format) {
	case TOPO_FMT_S16:
		n = sf_readf_short(in->sf, buf, (sf_count_t)frames);
		break;
	case TOPO_FMT_S32:
		n = sf_readf_int(in->sf, buf, (sf_count_t)frames);
		break;
	case TOPO_FMT_FLOAT:
		n = sf_readf_float(in->sf, buf, (sf_count_t)frames);
		break;
	case TOPO_FMT_S24:
	default:
		n = sf_readf_int(in->sf, buf, (sf_count_t)frames);
		samples = (size_t)(n > 0 ? n : 0) * in->fmt.channels;
		for (size_t i = 0; i < samples; i++)
			((int32_t *)buf)[i] >>= 8; /* arithmetic shift: keeps the sign */
		break;
	}
	if (n < 0)
		return -EIO;
	in->pos += (uint64_t)n;
	return (long)n;
}

void audio_close_in(struct audio_in *in)
{
	if (!in)
		return;
	if (in->sf)
		sf_close(in->sf);
	free(in);
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && strcasecmp(s + a - b, suffix) == 0;
}

int audio_open_write(const char *path, const struct audio_format *fmt,
		     struct audio_out **outp, char *err, size_t errlen)
{
	static const int sub[] = { SF_FORMAT_PCM_16, SF_FORMAT_PCM_24, SF_FORMAT_PCM_32,
				   SF_FORMAT_FLOAT };
	SF_INFO info = { 0 };
	struct audio_out *out;
	bool flac = ends_with(path, ".flac");

	*outp = NULL;
	if (flac && (fmt->format == TOPO_FMT_S32 || fmt->format == TOPO_FMT_FLOAT)) {
		snprintf(err, errlen, "%s: FLAC holds 16 or 24-bit samples, not %s",
			 path, topo_format_name(fmt->format));
		return -ENOTSUP;
	}
	info.samplerate = (int)fmt->rate;
	info.channels = (int)fmt->channels;
	info.format = (flac ? SF_FORMAT_FLAC : SF_FORMAT_WAV) | sub[fmt->format];
	if (!sf_format_check(&info)) {
		snprintf(err, errlen, "%s: libsndfile cannot write %u Hz %u channels %s", path,
			 fmt->rate, fmt->channels, topo_format_name(fmt->format));
		return -ENOTSUP;
	}
	out = calloc(1, sizeof(*out));
	if (!out) {
		snprintf(err, errlen, "%s: out of memory", path);
		return -ENOMEM;
	}
	out->sf = sf_open(path, SFM_WRITE, &info);
	if (!out->sf) {
		snprintf(err, errlen, "%s: cannot create audio file: %s", path, sf_strerror(NULL));
		free(out);
		return -EIO;
	}
	out->fmt = *fmt;
	*outp = out;
	return 0;
}

int audio_write(struct audio_out *out, const void *buf, size_t frames)
{
	sf_count_t n;

	switch (out->fmt.format) {
	case TOPO_FMT_S16:
		n = sf_writef_short(out->sf, buf, (sf_count_t)frames);
		break;
	case TOPO_FMT_S32:
		n = sf_writef_int(out->sf, buf, (sf_count_t)frames);
		break;
	case TOPO_FMT_FLOAT:
		n = sf_writef_float(out->sf, buf, (sf_count_t)frames);
		break;
	case TOPO_FMT_S24:
	default: {
		int32_t *s = scratch(&out->scratch, &out->scratch_frames, frames, out->fmt.channels);
		const int32_t *src = buf;

		if (!s)
			return -ENOMEM;
		for (size_t i = 0; i < frames * out->fmt.channels; i++)
			s[i] = (int32_t)((uint32_t)src[i] << 8);
		n = sf_writef_int(out->sf, s, (sf_count_t)frames);
		break;
	}
	}
	return n == (sf_count_t)frames ? 0 : -EIO;
}

int audio_close_out(struct audio_out *out)
{
	int r;

	if (!out)
		return 0;
	r = sf_close(out->sf) ? -EIO : 0;
	free(out->scratch);
	free(out);
	return r;
}

int audio_check_endpoint(const char *name, const struct audio_format *fmt,
			 const struct topology *t, const struct topo_endpoint *e,
			 char *err, size_t errlen)
{
	if (e->rate && fmt->rate != e->rate) {
		snprintf(err, errlen, "%s: sample rate %u Hz does not match endpoint '%s' of %s (%u Hz)",
			 name, fmt->rate, e->name, t->file, e->rate);
		return -EINVAL;
	}
	if (e->channels && fmt->channels != e->channels) {
		snprintf(err, errlen, "%s: %u channels do not match endpoint '%s' of %s (%u channels)",
			 name, fmt->channels, e->name, t->file, e->channels);
		return -EINVAL;
	}
	return 0;
}
