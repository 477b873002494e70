/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Filter design and analysis for the SRC generator (host only, uses libm).
 *
 * Design: Kaiser-windowed sinc, beta from the attenuation target, length
 * grown until the measured response meets the spec. Analysis: zero-padded
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
 * Measure h[0..n) (symmetric) against edges pass < stop (cycles/sample).
 * Returns 0, or -1 when out of memory.
 */
int sg_analyze(const double *h, unsigned n, double gain, double pass, double stop,
	       struct sg_response *r);

#endif
