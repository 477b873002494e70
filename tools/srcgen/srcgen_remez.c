/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Equiripple linear-phase low-pass design by the Remez exchange algorithm
 * (contract in srcgen_design.h).
 *
 * With x = cos(2 pi f), the amplitude of a symmetric filter of length n is
 *   type I  (n odd):  A(f) = P(x),            m = (n + 1) / 2 basis functions
 *   type II (n even): A(f) = cos(pi f) P(x),  m = n / 2 basis functions
 * with P a polynomial of degree m - 1. Type II is handled as the weighted
 * approximation of D / cos(pi f) with weight W cos(pi f), so both types share
 * one exchange on P.
 *
 * The exchange keeps a reference of m + 1 grid frequencies. On it the
 * weighted error of the best P is known in closed form: it alternates with
 * one magnitude delta, and P is represented by its values there and evaluated
 * anywhere by the barycentric Lagrange formula (stable in double precision
 * for thousands of points, where a power or cosine basis is hopeless). The
 * error is then computed on a dense grid, its alternating local extrema
 * become the next reference, and this repeats until the largest error on the
 * grid equals delta (the equiripple, minimax solution). The impulse response
 * comes from sampling A at n frequencies and an inverse cosine transform.
 */
#include "srcgen_design.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct rz {
	unsigned m;      /* basis functions; the reference has m + 1 points */
	int type2;
	size_t ng, np;   /* dense grid (np points in the passband): frequency,
	                  * x, desired and weight of P, weighted error */
	double *gf, *gx, *gd, *gw, *ge;
	size_t *ref;     /* reference: grid indices, ascending, m + 1 of them */
	double *rx, *ry, *bw; /* reference x, P values, barycentric weights (first m) */
	size_t *cand;    /* candidate extrema (grid indices) */
	double delta;
};

static void rz_free(struct rz *z)
{
	free(z->gf);
	free(z->gx);
	free(z->gd);
	free(z->gw);
	free(z->ge);
	free(z->ref);
	free(z->rx);
	free(z->ry);
	free(z->bw);
	free(z->cand);
}

/* Dense grid over [0, pass] and [stop, end], `dens` points per reference point
 * (128 for short filters, 32 from m = 128 on: the error between grid points exceeds delta
 * by well under 1 % at 32, and the measured check catches the rest;
 * 16 was seen to miss lobes next to the stopband edge by 15 %). */
static int rz_grid(struct rz *z, double pass, double stop, double gain, double kstop,
		   unsigned dens)
{
	double end = z->type2 ? 0.5 - 0.25 / ((double)dens * z->m) : 0.5;
	double step = 0.5 / ((double)dens * z->m);
	size_t np = (size_t)ceil(pass / step) + 1, ns = (size_t)ceil((end - stop) / step) + 1;

	z->np = np;
	z->ng = np + ns;
	z->gf = malloc(z->ng * sizeof(double));
	z->gx = malloc(z->ng * sizeof(double));
	z->gd = malloc(z->ng * sizeof(double));
	z->gw = malloc(z->ng * sizeof(double));
	z->ge = malloc(z->ng * sizeof(double));
	z->cand = malloc((z->ng + 2) * sizeof(size_t));
	if (!z->gf || !z->gx || !z->gd || !z->gw || !z->ge || !z->cand)
		return -1;
	for (size_t i = 0; i < z->ng; i++) {
		int inpass = i < np;
		double f = inpass ? pass * (double)i / (double)(np - 1)
				  : stop + (end - stop) * (double)(i - np) / (double)(ns - 1);
		double c = z->type2 ? cos(M_PI * f) : 1.0;

		z->gf[i] = f;
		z->gx[i] = cos(2.0 * M_PI * f);
		z->gd[i] = inpass ? gain / c : 0.0;
		z->gw[i] = (inpass ? 1.0 : kstop) * c;
	}
	return 0;
}

/*
 * Barycentric weights 1 / prod_{j != k} (x_k - x_j) of the m + 1 reference
 * points, scaled by a common factor (the formulas are ratios). The products
 * of thousands of factors leave double's range, so mantissa and exponent are
 * kept apart.
 */
static void rz_weights(const double *x, unsigned cnt, double *w)
{
	int *ex = malloc(cnt * sizeof(int)), emin = 0;

	if (!ex) { /* fall back to plain products: fine for short filters */
		for (unsigned k = 0; k < cnt; k++) {
			double p = 1.0;

			for (unsigned j = 0; j < cnt; j++)
				if (j != k)
					p *= 2.0 * (x[k] - x[j]);
			w[k] = 1.0 / p;
		}
		return;
	}
	for (unsigned k = 0; k < cnt; k++) {
		double p = 1.0;
		int e = 0, t;

		for (unsigned j = 0; j < cnt; j++) {
			if (j == k)
				continue;
			p *= x[k] - x[j];
			if ((j & 7u) == 7u) {
				p = frexp(p, &t);
				e += t;
			}
		}
		p = frexp(p, &t);
		e += t;
		w[k] = 1.0 / p; /* times 2^-e */
		ex[k] = e;
		if (k == 0 || e < emin)
			emin = e;
	}
	for (unsigned k = 0; k < cnt; k++)
		w[k] = ldexp(w[k], emin - ex[k]);
	free(ex);
}

/* Solve on the reference: delta, P's values there, evaluation weights. */
static int rz_solve(struct rz *z)
{
	unsigned r = z->m + 1;
	double num = 0.0, den = 0.0;

	for (unsigned k = 0; k < r; k++)
		z->rx[k] = z->gx[z->ref[k]];
	rz_weights(z->rx, r, z->bw);
	for (unsigned k = 0; k < r; k++) {
		num += z->bw[k] * z->gd[z->ref[k]];
		den += (k & 1u ? -1.0 : 1.0) * z->bw[k] / z->gw[z->ref[k]];
	}
	if (den == 0.0 || !isfinite(num / den))
		return -1;
	z->delta = num / den;
	for (unsigned k = 0; k < r; k++)
		z->ry[k] = z->gd[z->ref[k]] - (k & 1u ? -1.0 : 1.0) * z->delta / z->gw[z->ref[k]];
	/* P has degree m - 1: interpolate through the first m points only, whose
	 * weights are those of all m + 1 times (x_k - x_m) */
	for (unsigned k = 0; k < z->m; k++)
		z->bw[k] *= z->rx[k] - z->rx[z->m];
	return 0;
}

/* P(x) by the barycentric formula over the first m reference points. */
static double rz_eval(const struct rz *z, double x)
{
	double num = 0.0, den = 0.0;

	for (unsigned k = 0; k < z->m; k++) {
		double d = x - z->rx[k];

		if (d == 0.0)
			return z->ry[k];
		d = z->bw[k] / d;
		num += d * z->ry[k];
		den += d;
	}
	return num / den;
}

/*
 * Next reference from the error on the grid: local extrema of |E| within a
 * band (edges included), then neighbours of equal sign merged (the larger
 * stays), then the surplus removed without breaking the alternation.
 * Returns the largest |E| on the grid, or -1 when no alternating set of
 * m + 1 points exists (the exchange cannot go on).
 */
/* Signed local extrema of the error with |E| >= thr (a band edge has no
 * neighbour across the transition band), in grid order; returns the count. */
static size_t rz_extrema(struct rz *z, double thr)
{
	size_t nc = 0;

	for (size_t i = 0; i < z->ng; i++) {
		double e = z->ge[i], sg = e > 0.0 ? 1.0 : -1.0;
		int lo_edge = i == 0 || i == z->np, hi_edge = i + 1 == z->ng || i + 1 == z->np;

		if (fabs(e) < thr)
			continue;
		if ((lo_edge || sg * e >= sg * z->ge[i - 1]) && (hi_edge || sg * e > sg * z->ge[i + 1]))
			z->cand[nc++] = i;
	}
	return nc;
}

/* Merge equal-sign neighbours (the larger stays); returns the new count. */
static size_t rz_merge(struct rz *z, size_t nc)
{
	size_t w = 0;

	for (size_t i = 0; i < nc; i++) {
		if (w > 0 && (z->ge[z->cand[i]] > 0) == (z->ge[z->cand[w - 1]] > 0)) {
			if (fabs(z->ge[z->cand[i]]) > fabs(z->ge[z->cand[w - 1]]))
				z->cand[w - 1] = z->cand[i];
			continue;
		}
		z->cand[w++] = z->cand[i];
	}
	return w;
}

static double rz_exchange(struct rz *z)
{
	size_t nc, r = z->m + 1;
	double emax = 0.0;

	for (size_t i = 0; i < z->ng; i++) {
		z->ge[i] = z->gw[i] * (z->gd[i] - rz_eval(z, z->gx[i]));
		emax = fmax(emax, fabs(z->ge[i]));
	}
	/* extrema at least as large as delta; without that threshold only when
	 * too few remain (in the first iterations delta can be near the rounding
	 * noise of P, which hides a reference point) */
	nc = rz_merge(z, rz_extrema(z, fabs(z->delta) * (1.0 - 1e-9)));
	if (nc < r)
		nc = rz_merge(z, rz_extrema(z, 0.0));
	while (nc > r) {
		if (nc == r + 1) { /* drop the smaller end */
			if (fabs(z->ge[z->cand[0]]) < fabs(z->ge[z->cand[nc - 1]]))
				memmove(z->cand, z->cand + 1, (nc - 1) * sizeof(size_t));
			nc--;
		} else { /* drop the smallest; its neighbours then merge */
			size_t s = 0;

			for (size_t i = 1; i < nc; i++)
				if (fabs(z->ge[z->cand[i]]) < fabs(z->ge[z->cand[s]]))
					s = i;
			memmove(z->cand + s, z->cand + s + 1, (nc - s - 1) * sizeof(size_t));
			nc = rz_merge(z, nc - 1);
		}
	}
	if (nc < r)
		return -1.0;
	memcpy(z->ref, z->cand, r * sizeof(size_t));
	return emax;
}

/* h[0..n) from A sampled at n frequencies (inverse cosine transform). */
static int rz_impulse(const struct rz *z, double *h, unsigned n)
{
	unsigned half = n / 2, period = z->type2 ? 2 * n : n;
	double *a = malloc((half + 1) * sizeof(double)), *ct = malloc(period * sizeof(double));

	if (!a || !ct) {
		free(a);
		free(ct);
		return -1;
	}
	for (unsigned j = 0; j <= half; j++) {
		double f = (double)j / n;

		a[j] = z->type2 ? (j == half ? 0.0 : cos(M_PI * f) * rz_eval(z, cos(2.0 * M_PI * f)))
				: rz_eval(z, cos(2.0 * M_PI * f));
	}
	for (unsigned i = 0; i < period; i++)
		ct[i] = cos(2.0 * M_PI * i / period);
	for (unsigned i = 0; i < (n + 1) / 2; i++) {
		/* type I: t = i - (n-1)/2, angle 2 pi j t / n; type II: t half-integer,
		 * angle 2 pi j (2i - n + 1) / (2n) */
		long t = z->type2 ? 2l * i - (long)n + 1 : (long)i - (long)(n - 1) / 2;
		unsigned last = z->type2 ? half - 1 : half;
		double s = a[0];
		unsigned long idx = 0, stp = (unsigned long)((t % (long)period + (long)period) % (long)period);

		for (unsigned j = 1; j <= last; j++) {
			idx += stp;
			if (idx >= period)
				idx -= period;
			s += 2.0 * a[j] * ct[idx];
		}
		h[i] = s / n;
		h[n - 1 - i] = h[i];
	}
	free(a);
	free(ct);
	return 0;
}

/* Seed the reference from a converged one of a shorter design: the k-th of
 * m + 1 points goes where the same fraction of the seed's points lies. */
static void rz_seed(struct rz *z, const double *sf, unsigned cnt, double pass, double stop)
{
	unsigned r = z->m + 1;
	size_t ns = z->ng - z->np;
	double end = z->gf[z->ng - 1];

	for (unsigned k = 0; k < r; k++) {
		double t = (double)k * (cnt - 1) / (r - 1), fr, f;
		unsigned i = (unsigned)t;
		long idx;

		if (i >= cnt - 1)
			i = cnt - 2;
		fr = t - i;
		f = sf[i] + fr * (sf[i + 1] - sf[i]);
		if (sf[i] <= pass && sf[i + 1] >= stop) /* across the transition band */
			f = fr < 0.5 ? sf[i] : sf[i + 1];
		if (f <= pass)
			idx = lrint(f / pass * (double)(z->np - 1));
		else
			idx = (long)z->np + lrint((fmin(f, end) - stop) / (end - stop) * (double)(ns - 1));
		if (idx < 0)
			idx = 0;
		z->ref[k] = (size_t)idx;
	}
	/* strictly ascending and within the grid */
	for (unsigned k = 1; k < r; k++)
		if (z->ref[k] <= z->ref[k - 1])
			z->ref[k] = z->ref[k - 1] + 1;
	if (z->ref[r - 1] > z->ng - 1)
		z->ref[r - 1] = z->ng - 1;
	for (unsigned k = r - 1; k-- > 0;)
		if (z->ref[k] >= z->ref[k + 1])
			z->ref[k] = z->ref[k + 1] - 1;
}

/*
 * The exchange for length n, seeded from the reference of a design of about
 * n / 2 (itself seeded the same way; for a narrow band with doubled edges,
 * the rest of the band filled evenly) when the filter is long: an evenly
 * spread first reference makes delta so small at first that it drowns in the
 * rounding noise of P, and a good start also halves the iterations.
 * On success *rf holds the final reference frequencies (m + 1, malloc'd).
 */
static int rz_design(double *h, unsigned n, double pass, double stop, double kstop,
		     double gain, double *delta, double **rf, unsigned *nrf)
{
	struct rz z;
	int rc = 1;
	double prev = 0.0, *seed = NULL;
	unsigned nseed = 0;

	memset(&z, 0, sizeof(z));
	z.type2 = (n & 1u) == 0;
	z.m = z.type2 ? n / 2 : (n + 1) / 2;
	if (z.m > 40) {
		unsigned n2 = n / 2 + (n / 2 % 2 != n % 2);
		double *h2 = malloc(n2 * sizeof(double));
		/* a narrow-band filter: seed from the same design at half the
		 * length with doubled edges (the same taps per phase for a
		 * polyphase prototype), which is a meaningful filter, where the
		 * half-length one with the same edges is a degenerate one */
		int half = 2.0 * stop < 0.45 && pass < 0.02;

		if (h2 && rz_design(h2, n2, half ? 2 * pass : pass, half ? 2 * stop : stop, kstop,
				    gain, NULL, &seed, &nseed) != 0) {
			free(seed);
			seed = NULL;
		}
		if (seed && half) { /* the seed covers [0, 0.25]: spread the rest over (0.25, 0.5] */
			unsigned r = (n & 1u ? (n + 1) / 2 : n / 2) + 1, k;
			double *sd = malloc(r * sizeof(double)), last;

			if (sd && nseed >= 2 && nseed < r) {
				for (k = 0; k < nseed; k++)
					sd[k] = seed[k] / 2.0;
				last = sd[nseed - 1];
				for (k = nseed; k < r; k++)
					sd[k] = last + (0.5 - last) * (k - nseed + 1) / (r - nseed);
				free(seed);
				seed = sd;
				nseed = r;
			} else {
				free(sd);
			}
		}
		free(h2);
	}
	z.ref = malloc((z.m + 1) * sizeof(size_t));
	z.rx = malloc((z.m + 1) * sizeof(double));
	z.ry = malloc((z.m + 1) * sizeof(double));
	z.bw = malloc((z.m + 1) * sizeof(double));
	if (!z.ref || !z.rx || !z.ry || !z.bw ||
	    rz_grid(&z, pass, stop, gain, kstop, z.m < 128 ? 128 : 32)) {
		rc = -1;
		goto out;
	}
	if (z.ng < 2 * (size_t)(z.m + 1))
		goto out;
	if (seed) {
		rz_seed(&z, seed, nseed, pass, stop);
	} else { /* evenly spread over the grid */
		for (unsigned k = 0; k <= z.m; k++)
			z.ref[k] = (size_t)((double)k * (double)(z.ng - 1) / z.m + 0.5);
	}
	for (unsigned it = 0; it < 60; it++) {
		double emax;

		if (rz_solve(&z))
			goto out;
		/* |delta| grows at every exchange in exact arithmetic: a clear drop
		 * means rounding has taken over (a reference too far from the
		 * solution for double precision); give up rather than wander */
		if (it > 2 && fabs(z.delta) < 0.5 * prev)
			goto out;
		emax = rz_exchange(&z);
		if (!(emax >= 0.0) || !isfinite(emax))
			goto out;
		/* equiripple within 1e-5 (relative), or stalled */
		if (emax - fabs(z.delta) <= 1e-5 * emax ||
		    (it > 10 && fabs(fabs(z.delta) - prev) <= 1e-12 * fabs(z.delta))) {
			if (rz_solve(&z))
				goto out;
			rc = 0;
			break;
		}
		prev = fabs(z.delta);
	}
	if (rc == 0) {
		if (h && rz_impulse(&z, h, n))
			rc = -1;
		if (delta)
			*delta = fabs(z.delta);
		if (rc == 0 && rf) {
			*rf = malloc((z.m + 1) * sizeof(double));
			if (!*rf) {
				rc = -1;
			} else {
				for (unsigned k = 0; k <= z.m; k++)
					(*rf)[k] = z.gf[z.ref[k]];
				*nrf = z.m + 1;
			}
		}
	}
out:
	free(seed);
	rz_free(&z);
	return rc;
}

int sg_remez_lowpass(double *h, unsigned n, double pass, double stop, double kstop,
		     double gain, double *delta)
{
	if (n < 3 || !(pass > 0.0) || !(stop > pass) || !(stop < 0.5) || !(kstop > 0.0))
		return -1;
	return rz_design(h, n, pass, stop, kstop, gain, delta, NULL, NULL);
}
