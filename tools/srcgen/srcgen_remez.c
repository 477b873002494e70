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
 *
 * Evaluating P costs O(m) per point (vectorized: rz_lanes), so a full
 * exchange costs O(m^2) times the grid density; two things keep the number
 * of those down. The early iterations, where the reference is still far
 * off, use the grid thinned to 8 points per reference point. Close to the
 * solution, a local exchange takes over: every reference point climbs on the
 * grid to the nearest maximum of its own signed error, which costs a few
 * evaluations per point. Its points still alternate in sign with
 * |E| >= |delta|, so it is a valid exchange step, but it cannot see an
 * extremum away from the reference (a lobe that appears elsewhere): when the
 * local steps look converged, or stop converging fast, a full exchange on
 * the whole grid follows, and only that one may declare convergence. The
 * seed designs of a long filter get that check too: a seed that is only
 * locally converged can be far enough off for the longer design to fail.
 * Far from the solution the exchange is chaotic (rounding decides the path),
 * so a cheap step that makes delta collapse is undone and replaced by a full
 * exchange, and a design that still fails is tried again the classic way,
 * with a full exchange at every step.
 */
#include "srcgen_design.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Tuning of the iterations (rz_iterate), measured on the generator's designs:
 * points per reference point of the thinned grid of the first iterations,
 * the distance to equiripple (relative) where the full grid takes over, and
 * the factor by which a local step must shrink that distance to go on. */
#define RZ_COARSE 8
#define RZ_FINE_FROM 0.5
#define RZ_LOCAL_GAIN 0.9

struct rz {
	unsigned m;      /* basis functions; the reference has m + 1 points */
	int type2;
	size_t ng, np;   /* dense grid (np points in the passband): frequency,
	                  * x, desired and weight of P, weighted error */
	double *gf, *gx, *gd, *gw, *ge;
	size_t *ref;     /* reference: grid indices, ascending, m + 1 of them */
	size_t *saved;   /* the reference before a cheap (thinned or local) step */
	double *rx, *ry, *bw; /* reference x, P values, barycentric weights (first m) */
	size_t *cand;    /* candidate extrema (grid indices) */
	size_t jump;     /* grid points per quarter lobe (local exchange) */
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
	free(z->saved);
	free(z->rx);
	free(z->ry);
	free(z->bw);
	free(z->cand);
}

/* Dense grid over [0, pass] and [stop, end], `dens` points per reference point
 * (128 for short filters, 32 from m = 128 on: the error between grid points exceeds delta
 * by well under 1 % at 32, and the measured check catches the rest;
 * 16 was seen to miss lobes next to the stopband edge by 15 %). */
/* Stopband weight relative to the passband's: kstop at the stopband edge,
 * times (f / stop)^slope beyond it. */
struct rz_weight {
	double kstop, slope;
};

static int rz_grid(struct rz *z, double pass, double stop, double gain, struct rz_weight wt,
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
		z->gw[i] = (inpass ? 1.0 : wt.kstop * (wt.slope != 0.0 ? pow(f / stop, wt.slope) : 1.0)) * c;
	}
	return 0;
}

/*
 * Times p[0..4) by xk - x[j] for j in [j0, j1), the four products taking
 * every fourth factor so that the multiplications do not wait for each
 * other. The factors lie in [2^-40, 2] (the grid's smallest step in x is
 * about 2^-31 at 6600 taps), so after 8 factors each, a product outside
 * [2^-512, 2^512] is brought back by an exact power of two, whose exponent
 * goes to *e: no product can leave double's range in between.
 */
static void rz_prod(double xk, const double *x, unsigned j0, unsigned j1, double p[4], int *e)
{
	unsigned j = j0;

	while (j1 - j >= 4) {
		unsigned end = j1 - j >= 32 ? j + 32 : j1 - (j1 - j) % 4;

		for (; j < end; j += 4) {
			p[0] *= xk - x[j];
			p[1] *= xk - x[j + 1];
			p[2] *= xk - x[j + 2];
			p[3] *= xk - x[j + 3];
		}
		for (unsigned l = 0; l < 4; l++) {
			if (fabs(p[l]) < 0x1p-512) {
				p[l] *= 0x1p512;
				*e -= 512;
			} else if (fabs(p[l]) > 0x1p512) {
				p[l] *= 0x1p-512;
				*e += 512;
			}
		}
	}
	for (; j < j1; j++)
		p[0] *= xk - x[j];
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
		double p[4] = { 1.0, 1.0, 1.0, 1.0 };
		int e = 0, t;

		rz_prod(x[k], x, 0, k, p, &e);
		rz_prod(x[k], x, k + 1, cnt, p, &e);
		for (unsigned l = 0; l < 4; l++) {
			p[l] = frexp(p[l], &t);
			e += t;
		}
		p[0] = frexp((p[0] * p[1]) * (p[2] * p[3]), &t);
		e += t;
		w[k] = 1.0 / p[0]; /* times 2^-e */
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

/* P(x) where the fast sums failed: x is a reference point (P's value there
 * is known), else the plain sums (non-finite too: the caller gives up). */
static double rz_eval_exact(const struct rz *z, double x)
{
	double num = 0.0, den = 0.0;

	for (unsigned k = 0; k < z->m; k++)
		if (z->rx[k] == x)
			return z->ry[k];
	for (unsigned k = 0; k < z->m; k++) {
		double d = z->bw[k] / (x - z->rx[k]);

		num += d * z->ry[k];
		den += d;
	}
	return num / den;
}

/*
 * The barycentric sums in 8 independent partial sums (lane l takes the terms
 * k = l mod 8) and without a branch in the loop, so that the divisions run
 * in vector registers: this is where the design spends its time. The order
 * of every operation is fixed by the source, so the vector code, the plain
 * C one (other compilers, or -DRZ_NO_VECTOR) and every vector width give the
 * same bits (with contraction into FMA off: srcgen.cmake). rz_lanes does
 * whole groups of 8 and returns where it stopped.
 */
#if defined(__GNUC__) && !defined(RZ_NO_VECTOR)
typedef double rz_v4 __attribute__((vector_size(4 * sizeof(double))));

static unsigned rz_lanes(const double *rx, const double *ry, const double *bw, unsigned m,
			 double x, double num[8], double den[8])
{
	rz_v4 xv = { x, x, x, x }, n0 = { 0.0 }, n1 = { 0.0 }, d0 = { 0.0 }, d1 = { 0.0 };
	unsigned k = 0;

	for (; k + 8 <= m; k += 8) {
		rz_v4 b0, b1, x0, x1, y0, y1, t0, t1;

		memcpy(&b0, bw + k, sizeof(b0));
		memcpy(&b1, bw + k + 4, sizeof(b1));
		memcpy(&x0, rx + k, sizeof(x0));
		memcpy(&x1, rx + k + 4, sizeof(x1));
		memcpy(&y0, ry + k, sizeof(y0));
		memcpy(&y1, ry + k + 4, sizeof(y1));
		t0 = b0 / (xv - x0);
		t1 = b1 / (xv - x1);
		n0 += t0 * y0;
		n1 += t1 * y1;
		d0 += t0;
		d1 += t1;
	}
	memcpy(num, &n0, sizeof(n0));
	memcpy(num + 4, &n1, sizeof(n1));
	memcpy(den, &d0, sizeof(d0));
	memcpy(den + 4, &d1, sizeof(d1));
	return k;
}
#else
static unsigned rz_lanes(const double *rx, const double *ry, const double *bw, unsigned m,
			 double x, double num[8], double den[8])
{
	unsigned k = 0;

	for (unsigned l = 0; l < 8; l++)
		num[l] = den[l] = 0.0;
	for (; k + 8 <= m; k += 8) {
		for (unsigned l = 0; l < 8; l++) {
			double t = bw[k + l] / (x - rx[k + l]);

			num[l] += t * ry[k + l];
			den[l] += t;
		}
	}
	return k;
}
#endif

/* P(x) from the lanes' sums, added in a fixed order, and the rest. */
static double rz_eval_sums(const struct rz *z, double x)
{
	double n[8], d[8], num, den;
	unsigned k = rz_lanes(z->rx, z->ry, z->bw, z->m, x, n, d);

	for (unsigned l = 0; l < 4; l++) { /* lanes l and l + 4, then l and l + 2 */
		n[l] += n[l + 4];
		d[l] += d[l + 4];
	}
	num = (n[0] + n[2]) + (n[1] + n[3]);
	den = (d[0] + d[2]) + (d[1] + d[3]);
	for (; k < z->m; k++) {
		double t = z->bw[k] / (x - z->rx[k]);

		num += t * z->ry[k];
		den += t;
	}
	return num / den;
}

/* P(x) by the barycentric formula over the first m reference points. */
static double rz_eval(const struct rz *z, double x)
{
	double p = rz_eval_sums(z, x);

	return isfinite(p) ? p : rz_eval_exact(z, x);
}

/* The grid point after i on the grid thinned to every s-th point (both
 * band edges kept); z->ng after the last. */
static size_t rz_next(const struct rz *z, size_t i, size_t s)
{
	size_t end = i < z->np ? z->np : z->ng; /* i's band ends before end */

	if (i + 1 == end)
		return end;
	return i + s < end ? i + s : end - 1;
}

/* Signed local extrema of the error with |E| >= thr on the grid thinned to
 * every s-th point (a band edge has no neighbour across the transition band),
 * in grid order; returns the count. */
static size_t rz_extrema(struct rz *z, double thr, size_t s)
{
	size_t nc = 0, prev = 0;

	for (size_t i = 0, nx; i < z->ng; prev = i, i = nx) {
		double e = z->ge[i], sg = e > 0.0 ? 1.0 : -1.0;
		int lo_edge = i == 0 || i == z->np, hi_edge = i + 1 == z->ng || i + 1 == z->np;

		nx = rz_next(z, i, s);
		if (fabs(e) < thr)
			continue;
		if ((lo_edge || sg * e >= sg * z->ge[prev]) && (hi_edge || sg * e > sg * z->ge[nx]))
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

/*
 * Next reference from the error on the grid (thinned to every stride-th
 * point): local extrema of |E| within a band (edges included), then
 * neighbours of equal sign merged (the larger stays), then the surplus
 * removed without breaking the alternation. Returns the largest |E| on the
 * grid, or -1 when no alternating set of m + 1 points exists (the exchange
 * cannot go on; on a thinned grid, a lobe may be too narrow for it).
 */
static double rz_exchange(struct rz *z, size_t stride)
{
	size_t nc, r = z->m + 1;
	double emax = 0.0;

	for (size_t i = 0; i < z->ng; i = rz_next(z, i, stride)) {
		z->ge[i] = z->gw[i] * (z->gd[i] - rz_eval(z, z->gx[i]));
		emax = fmax(emax, fabs(z->ge[i]));
	}
	/* extrema at least as large as delta; without that threshold only when
	 * too few remain (in the first iterations delta can be near the rounding
	 * noise of P, which hides a reference point) */
	nc = rz_merge(z, rz_extrema(z, fabs(z->delta) * (1.0 - 1e-9), stride));
	if (nc < r)
		nc = rz_merge(z, rz_extrema(z, 0.0, stride));
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

/* Weighted error at grid point i. */
static double rz_err(const struct rz *z, size_t i)
{
	return z->gw[i] * (z->gd[i] - rz_eval(z, z->gx[i]));
}

/*
 * Climb from grid point i to a local maximum of sg * E within [lo, hi]; *e
 * holds sg * E at i on entry and at the returned point on exit. Uphill it
 * goes a quarter lobe (z->jump points) at a time, as the first steps from a
 * seed move points by up to half a lobe, then point by point around the best
 * one.
 */
static size_t rz_climb(const struct rz *z, size_t i, size_t lo, size_t hi, double sg, double *e)
{
	double el = i > lo ? sg * rz_err(z, i - 1) : -HUGE_VAL;
	double er = i < hi ? sg * rz_err(z, i + 1) : -HUGE_VAL, t;

	if (el > *e && el >= er) {
		*e = el;
		for (i--; i >= lo + z->jump && (t = sg * rz_err(z, i - z->jump)) > *e; i -= z->jump)
			*e = t;
		/* the maximum is within z->jump of i */
		for (; i > lo && (t = sg * rz_err(z, i - 1)) > *e; i--)
			*e = t;
		for (; i < hi && (t = sg * rz_err(z, i + 1)) > *e; i++)
			*e = t;
	} else if (er > *e) {
		*e = er;
		for (i++; i + z->jump <= hi && (t = sg * rz_err(z, i + z->jump)) > *e; i += z->jump)
			*e = t;
		for (; i < hi && (t = sg * rz_err(z, i + 1)) > *e; i++)
			*e = t;
		for (; i > lo && (t = sg * rz_err(z, i - 1)) > *e; i--)
			*e = t;
	}
	return i;
}

/*
 * Local exchange: every reference point climbs on the grid to the nearest
 * local maximum of its signed error, staying in its band and between its
 * neighbours. Near convergence the points move by a grid step or two, so
 * this costs a few evaluations per point where the full exchange costs the
 * whole grid (dens per point). The new points keep the alternation and have
 * |E| >= |delta|, so it is a valid exchange step and |delta| still grows; it
 * cannot see an extremum away from the reference, which is why only the full
 * exchange may declare convergence. Returns the largest |E| at the new points.
 */
static double rz_local(struct rz *z)
{
	unsigned r = z->m + 1;
	double sg = z->delta > 0.0 ? 1.0 : -1.0, emax = 0.0;

	for (unsigned k = 0; k < r; k++, sg = -sg) { /* E(ref[k]) = (-1)^k delta */
		size_t i = z->ref[k];
		size_t lo = k > 0 ? z->ref[k - 1] + 1 : 0, hi = k + 1 < r ? z->ref[k + 1] - 1 : z->ng - 1;
		/* P interpolates ry at the first m points */
		double e = sg * (k < z->m ? z->gw[i] * (z->gd[i] - z->ry[k]) : rz_err(z, i));

		if (i < z->np && hi > z->np - 1)
			hi = z->np - 1;
		if (i >= z->np && lo < z->np)
			lo = z->np;
		z->ref[k] = rz_climb(z, i, lo, hi, sg, &e);
		emax = fmax(emax, e);
	}
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

/* The first reference: from the seed, or evenly spread over the grid. */
static void rz_start(struct rz *z, const double *seed, unsigned nseed, double pass, double stop)
{
	if (seed) {
		rz_seed(z, seed, nseed, pass, stop);
		return;
	}
	for (unsigned k = 0; k <= z->m; k++)
		z->ref[k] = (size_t)((double)k * (double)(z->ng - 1) / z->m + 0.5);
}

/*
 * The iterations (see the header): on the grid thinned to RZ_COARSE points
 * per reference point until within RZ_FINE_FROM of equiripple, then local
 * steps on the full grid while they converge fast, with a full exchange on
 * the full grid when they look converged (the only one that may end the
 * design) or slow down. With plain, a full exchange at every step (the
 * classic iteration). Returns 0 when converged, 1 when not.
 */
static int rz_iterate(struct rz *z, unsigned dens, int seeded, int plain)
{
	double prev = 0.0, prevfull = 0.0, gap = HUGE_VAL;
	size_t stride = plain ? 1 : dens / RZ_COARSE;
	int local = !plain && seeded, cheap = 0; /* a seed is close: local steps first */

	for (unsigned it = 0, nfull = 0; nfull < 60 && it < 300; it++) {
		double emax, d;

		/* |delta| grows at every exchange in exact arithmetic: a clear drop
		 * means rounding has taken over (a reference too far from the
		 * solution for double precision). After a full exchange the design
		 * gives up rather than wander; a cheap step is undone instead, and
		 * a full exchange made from where it started. */
		if (rz_solve(z) || (it > 2 && fabs(z->delta) < 0.5 * prev)) {
			if (!cheap)
				return 1;
			memcpy(z->ref, z->saved, (z->m + 1) * sizeof(size_t));
			stride = 1;
			local = cheap = 0;
			continue;
		}
		d = fabs(z->delta);
		memcpy(z->saved, z->ref, (z->m + 1) * sizeof(size_t));
		if (local && d > prev) {
			emax = rz_local(z);
			if (emax - d > 1e-5 * emax) {
				/* the gap to equiripple should shrink fast, or a
				 * full exchange does better */
				local = emax - d <= RZ_LOCAL_GAIN * gap * emax;
				gap = (emax - d) / emax;
				prev = d;
				cheap = 1;
				continue;
			}
			stride = 1; /* looks converged: check on the full grid */
		}
		emax = rz_exchange(z, stride);
		if (emax < 0.0 && stride > 1) { /* a lobe too narrow for the thinned grid */
			stride = 1;
			emax = rz_exchange(z, stride);
		}
		nfull++;
		cheap = stride > 1;
		if (!(emax >= 0.0) || !isfinite(emax))
			return 1;
		gap = (emax - d) / emax;
		if (stride == 1) {
			/* equiripple within 1e-5 (relative), or stalled: an
			 * exchange on the full grid that found nothing better
			 * than the previous one there */
			if (gap <= 1e-5 || (it > 10 && fabs(d - prevfull) <= 1e-12 * d))
				return rz_solve(z) ? 1 : 0;
			prevfull = d;
			local = !plain;
		} else if (gap <= RZ_FINE_FROM || fabs(d - prev) <= 1e-12 * d) {
			stride = 1; /* on to the full grid, local steps first */
			local = 1;
			gap = HUGE_VAL;
		}
		prev = d;
	}
	return 1;
}

static int rz_design(double *h, unsigned n, double pass, double stop, struct rz_weight wt,
		     double gain, double *delta, double **rf, unsigned *nrf);

/*
 * A seed for length n: the reference of a design of about n / 2 (*seed NULL
 * when there is none). For a narrow band it is the same design at half the
 * length with doubled edges (the same taps per phase for a polyphase
 * prototype), which is a meaningful filter, where the half-length one with
 * the same edges is a degenerate one; its reference covers [0, 0.25] and the
 * rest of the band is filled evenly.
 */
static void rz_half_seed(unsigned n, double pass, double stop, struct rz_weight wt, double gain,
			 double **seed, unsigned *nseed)
{
	unsigned n2 = n / 2 + (n / 2 % 2 != n % 2), r = (n & 1u ? (n + 1) / 2 : n / 2) + 1;
	int half = 2.0 * stop < 0.45 && pass < 0.02;
	double *sd, last;

	*seed = NULL;
	if (rz_design(NULL, n2, half ? 2 * pass : pass, half ? 2 * stop : stop, wt, gain, NULL,
		      seed, nseed) != 0) {
		free(*seed);
		*seed = NULL;
		return;
	}
	if (!half)
		return;
	sd = malloc(r * sizeof(double));
	if (sd && *nseed >= 2 && *nseed < r) {
		for (unsigned k = 0; k < *nseed; k++)
			sd[k] = (*seed)[k] / 2.0;
		last = sd[*nseed - 1];
		for (unsigned k = *nseed; k < r; k++)
			sd[k] = last + (0.5 - last) * (k - *nseed + 1) / (r - *nseed);
		free(*seed);
		*seed = sd;
		*nseed = r;
	} else {
		free(sd);
	}
}

/*
 * The exchange for length n, seeded from the reference of a design of about
 * n / 2 (itself seeded the same way) when the filter is long: an evenly
 * spread first reference makes delta so small at first that it drowns in the
 * rounding noise of P, and a good start also saves iterations. h may be NULL
 * (no impulse response). With rf (a seed for a longer design), *rf holds the
 * final reference frequencies (m + 1, malloc'd).
 */
static int rz_design(double *h, unsigned n, double pass, double stop, struct rz_weight wt,
		     double gain, double *delta, double **rf, unsigned *nrf)
{
	struct rz z;
	int rc = 1;
	double *seed = NULL;
	unsigned nseed = 0, dens;

	memset(&z, 0, sizeof(z));
	z.type2 = (n & 1u) == 0;
	z.m = z.type2 ? n / 2 : (n + 1) / 2;
	dens = z.m < 128 ? 128 : 32;
	z.jump = dens / 4;
	if (z.m > 40)
		rz_half_seed(n, pass, stop, wt, gain, &seed, &nseed);
	z.ref = malloc((z.m + 1) * sizeof(size_t));
	z.saved = malloc((z.m + 1) * sizeof(size_t));
	z.rx = malloc((z.m + 1) * sizeof(double));
	z.ry = malloc((z.m + 1) * sizeof(double));
	z.bw = malloc((z.m + 1) * sizeof(double));
	if (!z.ref || !z.saved || !z.rx || !z.ry || !z.bw ||
	    rz_grid(&z, pass, stop, gain, wt, dens)) {
		rc = -1;
		goto out;
	}
	if (z.ng < 2 * (size_t)(z.m + 1))
		goto out;
	/* the fast iterations, or if they fail (far from the solution the
	 * exchange is chaotic, and the cheap steps take another path), the
	 * plain ones: a full exchange at every step */
	for (int plain = 0; plain < 2 && rc == 1; plain++) {
		rz_start(&z, seed, nseed, pass, stop);
		rc = rz_iterate(&z, dens, seed != NULL, plain);
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

int sg_remez_lowpass_sloped(double *h, unsigned n, double pass, double stop, double kstop,
			    double slope, double gain, double *delta)
{
	struct rz_weight wt = { kstop, slope };

	if (n < 3 || !(pass > 0.0) || !(stop > pass) || !(stop < 0.5) || !(kstop > 0.0) ||
	    !(slope >= 0.0 && slope <= 4.0))
		return -1;
	return rz_design(h, n, pass, stop, wt, gain, delta, NULL, NULL);
}

int sg_remez_lowpass(double *h, unsigned n, double pass, double stop, double kstop,
		     double gain, double *delta)
{
	return sg_remez_lowpass_sloped(h, n, pass, stop, kstop, 0.0, gain, delta);
}
