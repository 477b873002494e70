/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Filter design and analysis for the SRC generator (host only, uses libm).
 *
 * Design: equiripple by the Remez exchange (srcgen_remez.c), or a
 * Kaiser-windowed sinc (beta from the attenuation target) where the exchange
 * does not converge or the prototype is too long for it. Analysis: zero-padded
 * FFT of the prototype, then the largest stopband lobes are re-measured by a
 * direct evaluation of the (real, linear-phase) amplitude so that a peak
 * between FFT bins is not missed. The unit tests use the same analysis on the
 * quantized tables.
 */
#ifndef SRCGEN_DESIGN_H
#define SRCGEN_DESIGN_H

#include <stddef.h>

/** Measured response of a linear-phase prototype with passband gain `gain`. */
struct sg_response {
	double pass_dev_db;  /**< max |20 log10(|H| / gain)| over [0, pass] */
	double pass_max_db;  /**< max 20 log10(|H| / gain) over [0, pass] (overshoot) */
	double stop_db;      /**< max 20 log10(|H| / gain) over [stop, 0.5] */
	double f3db;         /**< first frequency where |H| / gain < 1/sqrt(2) */
};

/** Zeroth-order modified Bessel function of the first kind (series). */
double sg_bessel_i0(double x);

/** Kaiser beta for a stopband attenuation of `atten_db`. */
double sg_kaiser_beta(double atten_db);

/** Kaiser's length estimate for attenuation and transition width (cycles/sample). */
unsigned sg_kaiser_length(double atten_db, double width);

/**
 * Fill h[0..n) with a Kaiser-windowed sinc of cutoff `fc` (cycles/sample),
 * window `beta`, scaled so that sum(h) == gain. Exactly symmetric.
 */
void sg_kaiser_lowpass(double *h, unsigned n, double fc, double beta, double gain);

/**
 * Equiripple (minimax) low-pass of length n by the Remez exchange: passband
 * [0, pass] of gain `gain`, stopband [stop, 0.5] (cycles/sample), the
 * stopband error weighted `kstop` times the passband error, so that the
 * passband deviates by at most +-delta and the stopband by delta / kstop.
 * n odd gives a type I filter, n even type II. Fills h[0..n) (exactly
 * symmetric) and *delta (may be NULL). Returns 0, 1 when the exchange did not
 * converge (h untouched: use another design), or -1 on bad arguments or out
 * of memory. Time O(n^2) per iteration, a few dozen iterations.
 */
int sg_remez_lowpass(double *h, unsigned n, double pass, double stop, double kstop,
		     double gain, double *delta);

/**
 * sg_remez_lowpass with a stopband weight rising as kstop * (f / stop)^slope
 * (0 <= slope <= 4; 0 is sg_remez_lowpass): the stopband error then falls
 * as (stop / f)^slope, so the far images of a many-phase stage are much
 * smaller than the first and their sum stays near it (sg_image_db), at the
 * cost of a few percent more taps than a flat stopband. delta is the
 * passband deviation; the stopband one is delta / kstop at the edge.
 * Returns as sg_remez_lowpass (-1 also for a slope out of range).
 */
int sg_remez_lowpass_sloped(double *h, unsigned n, double pass, double stop, double kstop,
			    double slope, double gain, double *delta);

/**
 * Measure h[0..n) (symmetric) against edges pass < stop (cycles/sample).
 * Returns 0, or -1 when out of memory.
 */
int sg_analyze(const double *h, unsigned n, double gain, double pass, double stop,
	       struct sg_response *r);

/**
 * sg_analyze with `os` FFT bins per 1/n (sg_analyze uses 64 up to n = 4096,
 * 16 beyond): 16 suffices for a window design, whose stopband lobes decay
 * away from the edge, and is 4x cheaper.
 */
int sg_analyze_os(const double *h, unsigned n, double gain, double pass, double stop,
		  unsigned os, struct sg_response *r);

/**
 * Total level of the images of a passband tone in a stage with L phases:
 * upsampling by L puts copies of a tone at f (cycles per prototype sample) at
 * k/L + f, k = 1 .. L-1, the prototype h[0..n) attenuates each, and the
 * decimation that follows folds all of them into the output band, so their
 * powers add up. Images in the transition band (below `stop`: a wide stage
 * leaves those to the sharp stage after it) are not counted. Returns max
 * over f in [0, pass] of 10 log10(sum |H|^2 / gain^2)
 * (dB; -400 for L < 2, 0 when out of memory), from a zero-padded FFT (16 bins
 * per 1/n, the larger of the two bins around each image). An equiripple
 * stopband at -A dB gives about -A + 10 log10(L - 1); a window design's
 * decaying lobes give about -A.
 */
double sg_image_db(const double *h, unsigned n, unsigned L, double gain, double pass,
		   double stop);

#endif
