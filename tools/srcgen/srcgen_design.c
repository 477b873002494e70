/* SPDX-License-Identifier: BSD-3-Clause */
/* Kaiser design and response analysis for the SRC filters (see srcgen_design.h). */
#include "srcgen_design.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

double sg_bessel_i0(double x)
{
	double sum = 1.0, term = 1.0, q = x * x / 4.0;

	for (unsigned k = 1; k < 500; k++) {
		term *= q / ((double)k * (double)k);
		sum += term;
		if (term < sum * 1e-17)
			break;
	}
	return sum;
}

double sg_kaiser_beta(double a)
{
	if (a > 50.0)
		return 0.1102 * (a - 8.7);
	if (a >= 21.0)
		return 0.5842 * pow(a - 21.0, 0.4) + 0.07886 * (a - 21.0);
	return 0.0;
}

unsigned sg_kaiser_length(double a, double width)
{
	return (unsigned)ceil((a - 7.95) / (2.285 * 2.0 * M_PI * width)) + 1u;
}

void sg_kaiser_lowpass(double *h, unsigned n, double fc, double beta, double gain)
{
	double c = (double)(n - 1) / 2.0, i0b = sg_bessel_i0(beta), sum = 0.0;

	for (unsigned i = 0; i <= (n - 1) / 2; i++) {
		double t = (double)i - c, r = n > 1 ? t / c : 0.0;
		double s = t == 0.0 ? 2.0 * fc : sin(2.0 * M_PI * fc * t) / (M_PI * t);
		double w = sg_bessel_i0(beta * sqrt(fmax(0.0, 1.0 - r * r))) / i0b;

		h[i] = s * w;
		h[n - 1 - i] = h[i];
	}
	for (unsigned i = 0; i < n; i++)
		sum += h[i];
	for (unsigned i = 0; i < n; i++)
		h[i] *= gain / sum;
	/* scaling can break the exact mirror by an ulp: restore it */
	for (unsigned i = 0; i < n / 2; i++)
		h[n - 1 - i] = h[i];
}

/* In-place iterative radix-2 FFT, n a power of two. */
static void fft(double *re, double *im, size_t n)
{
	for (size_t i = 1, j = 0; i < n; i++) {
		size_t bit = n >> 1;

		for (; j & bit; bit >>= 1)
			j ^= bit;
		j |= bit;
		if (i < j) {
			double t = re[i];

			re[i] = re[j];
			re[j] = t;
			t = im[i];
			im[i] = im[j];
			im[j] = t;
		}
	}
	for (size_t len = 2; len <= n; len <<= 1) {
		double ang = -2.0 * M_PI / (double)len;

		for (size_t k = 0; k < len / 2; k++) {
			double wr = cos(ang * (double)k), wi = sin(ang * (double)k);

			for (size_t i = k; i < n; i += len) {
				size_t j = i + len / 2;
				double xr = re[j] * wr - im[j] * wi;
				double xi = re[j] * wi + im[j] * wr;

				re[j] = re[i] - xr;
				im[j] = im[i] - xi;
				re[i] += xr;
				im[i] += xi;
			}
		}
	}
}

/* Real amplitude of a symmetric filter at f (cycles/sample), by direct sum. */
static double amplitude(const double *h, unsigned n, double f)
{
	double c = (double)(n - 1) / 2.0, a = 0.0;
	unsigned i;

	for (i = 0; i < n / 2; i++)
		a += 2.0 * h[i] * cos(2.0 * M_PI * f * ((double)i - c));
	if (n & 1)
		a += h[n / 2];
	return a;
}

/* Golden-section search for the maximum of |A(f)| in [a, b]. */
static double refine_peak(const double *h, unsigned n, double a, double b)
{
	const double g = 0.6180339887498949;
	double x1 = b - g * (b - a), x2 = a + g * (b - a);
	double f1 = fabs(amplitude(h, n, x1)), f2 = fabs(amplitude(h, n, x2));

	for (int it = 0; it < 30; it++) {
		if (f1 < f2) {
			a = x1;
			x1 = x2;
			f1 = f2;
			x2 = a + g * (b - a);
			f2 = fabs(amplitude(h, n, x2));
		} else {
			b = x2;
			x2 = x1;
			f2 = f1;
			x1 = b - g * (b - a);
			f1 = fabs(amplitude(h, n, x1));
		}
	}
	return fmax(f1, f2);
}

#define SG_PEAKS 16

int sg_analyze(const double *h, unsigned n, double gain, double pass, double stop,
	       struct sg_response *r)
{
	/* 64 bins per 1/n: an equiripple filter's lobes are all near the
	 * limit, so the largest sampled ones must be within ~0.01 dB of true
	 * (long filters are Kaiser designs, whose lobes decay: 16 is enough) */
	return sg_analyze_os(h, n, gain, pass, stop, n <= 4096 ? 64u : 16u, r);
}

int sg_analyze_os(const double *h, unsigned n, double gain, double pass, double stop,
		  unsigned os, struct sg_response *r)
{
	size_t nfft = 4096;
	double *re, *im, *mag, worst = 0.0, dev = 0.0, top = -1e9;
	size_t peak[SG_PEAKS];
	unsigned npk = 0;

	while (nfft < (size_t)os * n)
		nfft <<= 1;
	re = calloc(nfft, sizeof(*re));
	im = calloc(nfft, sizeof(*im));
	if (!re || !im) {
		free(re);
		free(im);
		return -1;
	}
	memcpy(re, h, n * sizeof(*h));
	fft(re, im, nfft);
	mag = re; /* reuse: magnitude of bins 0 .. nfft/2 */
	for (size_t k = 0; k <= nfft / 2; k++)
		mag[k] = hypot(re[k], im[k]) / gain;

	r->f3db = 0.5;
	for (size_t k = 0; k <= nfft / 2; k++) {
		double f = (double)k / (double)nfft;

		if (f <= pass) {
			dev = fmax(dev, fabs(20.0 * log10(mag[k])));
			top = fmax(top, 20.0 * log10(mag[k]));
		}
		if (f >= stop) {
			worst = fmax(worst, mag[k]);
			/* keep the largest local maxima for refinement */
			if (k > 0 && k < nfft / 2 && mag[k] >= mag[k - 1] && mag[k] >= mag[k + 1]) {
				unsigned slot = npk < SG_PEAKS ? npk++ : 0;

				if (slot == 0 && npk == SG_PEAKS) {
					for (unsigned s = 1; s < SG_PEAKS; s++)
						if (mag[peak[s]] < mag[peak[slot]])
							slot = s;
					if (mag[peak[slot]] >= mag[k])
						continue;
				}
				peak[slot] = k;
			}
		}
		if (r->f3db == 0.5 && f > pass && mag[k] < M_SQRT1_2) {
			double lo = (double)(k - 1) / (double)nfft, hi = f;

			for (int it = 0; it < 60; it++) {
				double mid = (lo + hi) / 2.0;

				if (fabs(amplitude(h, n, mid)) / gain < M_SQRT1_2)
					hi = mid;
				else
					lo = mid;
			}
			r->f3db = (lo + hi) / 2.0;
		}
	}
	for (unsigned s = 0; s < npk; s++) {
		double a = (double)(peak[s] - 1) / (double)nfft;
		double b = (double)(peak[s] + 1) / (double)nfft;

		if (a < stop)
			a = stop;
		worst = fmax(worst, refine_peak(h, n, a, fmin(b, 0.5)) / gain);
	}
	/* the band edges themselves */
	worst = fmax(worst, fabs(amplitude(h, n, stop)) / gain);
	{
		double edge = 20.0 * log10(fabs(amplitude(h, n, pass)) / gain);

		dev = fmax(dev, fabs(edge));
		top = fmax(top, edge);
	}
	r->pass_dev_db = dev;
	r->pass_max_db = top;
	r->stop_db = 20.0 * log10(fmax(worst, 1e-30));
	free(re);
	free(im);
	return 0;
}

/* |H| / gain at f in [0, 0.5] from the FFT bins mag[0 .. nfft/2]: the larger
 * of the two bins around f (the bins are 1/16 of a lobe or closer). */
static double mag_at(const double *mag, size_t nfft, double f)
{
	double x = f * (double)nfft;
	size_t k = (size_t)x;

	if (k >= nfft / 2)
		return mag[nfft / 2];
	return fmax(mag[k], mag[k + 1]);
}

double sg_image_db(const double *h, unsigned n, unsigned L, double gain, double pass,
		   double stop)
{
	size_t nfft = 4096, np;
	double *re, *im, worst = 0.0;

	if (L < 2)
		return -400.0;
	while (nfft < 16u * (size_t)n)
		nfft <<= 1;
	re = calloc(nfft, sizeof(*re));
	im = calloc(nfft, sizeof(*im));
	if (!re || !im) {
		free(re);
		free(im);
		return 0.0;
	}
	memcpy(re, h, n * sizeof(*h));
	fft(re, im, nfft);
	for (size_t k = 0; k <= nfft / 2; k++)
		re[k] = hypot(re[k], im[k]) / gain;
	np = (size_t)(pass * (double)nfft);
	for (size_t j = 0, stp = np / 256 + 1; j <= np; j += stp) {
		double f = (double)j / (double)nfft, sum = 0.0;

		/* the images k/L + f, k = 1 .. L-1, each real one once */
		for (unsigned k = 1; k < L; k++) {
			double v = fmod((double)k / L + f, 1.0), m;

			v = v <= 0.5 ? v : 1.0 - v;
			if (v < stop)
				continue; /* in the transition band: the next stage's */
			m = mag_at(re, nfft, v);
			sum += m * m;
		}
		worst = fmax(worst, sum);
	}
	free(re);
	free(im);
	return 10.0 * log10(fmax(worst, 1e-40));
}
