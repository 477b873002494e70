/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * printf formatting for the test image. Debian's newlib is built without
 * C99 length modifiers (%zu, %ju, %hhu print literally), and test messages
 * use them, so the printf family the tests reach is ours: snprintf,
 * vsnprintf, printf, vprintf, fprintf and vfprintf (stdout/stderr only, to
 * the semihosting console). Conversions: d i u o x X c s p % with flags
 * - 0 + space #, width, precision (numbers or *), lengths hh h l ll z j t;
 * f e g E G are printed as fixed point (enough for test diagnostics).
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "semihost.h"

struct out {
	char *buf;
	size_t cap;
	size_t len; /* characters produced, including those cut off */
};

struct spec {
	bool left, zero, plus, space, alt;
	int width;
	int prec; /* -1: none */
	char len; /* 'H' hh, 'h', 'l', 'L' ll, 'z', 'j', 't', 0 */
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->cap)
		o->buf[o->len] = c;
	o->len++;
}

static void pad(struct out *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

/* Emit prefix + digits with width, zero padding and precision applied. */
static void emit_number(struct out *o, const struct spec *sp, const char *prefix,
			const char *digits, int ndigits)
{
	int plen = (int)strlen(prefix);
	int zeros = sp->prec > ndigits ? sp->prec - ndigits : 0;
	int body = plen + zeros + ndigits;
	int fill = sp->width > body ? sp->width - body : 0;
	if (sp->zero && !sp->left && sp->prec < 0) {
		zeros += fill;
		fill = 0;
	}
	if (!sp->left)
		pad(o, ' ', fill);
	for (int i = 0; i < plen; i++)
		put(o, prefix[i]);
	pad(o, '0', zeros);
	for (int i = 0; i < ndigits; i++)
		put(o, digits[i]);
	if (sp->left)
		pad(o, ' ', fill);
}

static int to_digits(unsigned long long v, unsigned base, bool upper, char *tmp)
{
	const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char rev[24];
	int n = 0;
	do {
		rev[n++] = set[v % base];
		v /= base;
	} while (v);
	for (int i = 0; i < n; i++)
		tmp[i] = rev[n - 1 - i];
	return n;
}

static void format_int(struct out *o, struct spec *sp, char conv, unsigned long long mag,
		       bool negative)
{
	char digits[24];
	char prefix[3] = "";
	unsigned base = conv == 'o' ? 8u : (conv == 'x' || conv == 'X' || conv == 'p') ? 16u : 10u;
	int n = (mag == 0 && sp->prec == 0) ? 0 : to_digits(mag, base, conv == 'X', digits);
	if (negative)
		strcpy(prefix, "-");
	else if (sp->plus && (conv == 'd' || conv == 'i'))
		strcpy(prefix, "+");
	else if (sp->space && (conv == 'd' || conv == 'i'))
		strcpy(prefix, " ");
	else if ((sp->alt && mag != 0 && base == 16) || conv == 'p')
		strcpy(prefix, conv == 'X' ? "0X" : "0x");
	else if (sp->alt && base == 8 && (n == 0 || digits[0] != '0'))
		strcpy(prefix, "0");
	emit_number(o, sp, prefix, digits, n);
}

static void format_double(struct out *o, struct spec *sp, double v)
{
	char digits[64];
	char prefix[2] = "";
	int prec = sp->prec < 0 ? 6 : (sp->prec > 9 ? 9 : sp->prec);
	if (v != v) {
		emit_number(o, sp, "", "nan", 3);
		return;
	}
	if (v < 0) {
		strcpy(prefix, "-");
		v = -v;
	} else if (sp->plus) {
		strcpy(prefix, "+");
	}
	if (v > 1e18) {
		emit_number(o, sp, prefix, "inf", 3);
		return;
	}
	unsigned long long scale = 1;
	for (int i = 0; i < prec; i++)
		scale *= 10u;
	unsigned long long whole = (unsigned long long)v;
	unsigned long long frac = (unsigned long long)((v - (double)whole) * (double)scale + 0.5);
	if (frac >= scale) {
		whole++;
		frac -= scale;
	}
	int n = to_digits(whole, 10, false, digits);
	if (prec > 0) {
		digits[n++] = '.';
		char f[24];
		int fn = to_digits(frac, 10, false, f);
		for (int i = fn; i < prec; i++)
			digits[n++] = '0';
		memcpy(digits + n, f, (size_t)fn);
		n += fn;
	}
	struct spec s = *sp;
	s.prec = -1;
	emit_number(o, &s, prefix, digits, n);
}

static unsigned long long take_unsigned(const struct spec *sp, va_list *ap)
{
	switch (sp->len) {
	case 'H': return (unsigned char)va_arg(*ap, unsigned int);
	case 'h': return (unsigned short)va_arg(*ap, unsigned int);
	case 'l': return va_arg(*ap, unsigned long);
	case 'L': return va_arg(*ap, unsigned long long);
	case 'z': return va_arg(*ap, size_t);
	case 'j': return va_arg(*ap, uintmax_t);
	case 't': return (unsigned long long)va_arg(*ap, ptrdiff_t);
	default: return va_arg(*ap, unsigned int);
	}
}

static long long take_signed(const struct spec *sp, va_list *ap)
{
	switch (sp->len) {
	case 'H': return (signed char)va_arg(*ap, int);
	case 'h': return (short)va_arg(*ap, int);
	case 'l': return va_arg(*ap, long);
	case 'L': return va_arg(*ap, long long);
	case 'z': return (long long)(intptr_t)va_arg(*ap, size_t); /* %zd: ssize_t */
	case 'j': return va_arg(*ap, intmax_t);
	case 't': return va_arg(*ap, ptrdiff_t);
	default: return va_arg(*ap, int);
	}
}

static const char *parse_spec(const char *f, struct spec *sp, va_list *ap)
{
	memset(sp, 0, sizeof(*sp));
	sp->prec = -1;
	for (;; f++) {
		if (*f == '-') sp->left = true;
		else if (*f == '0') sp->zero = true;
		else if (*f == '+') sp->plus = true;
		else if (*f == ' ') sp->space = true;
		else if (*f == '#') sp->alt = true;
		else break;
	}
	if (*f == '*') {
		sp->width = va_arg(*ap, int);
		if (sp->width < 0) {
			sp->left = true;
			sp->width = -sp->width;
		}
		f++;
	}
	while (*f >= '0' && *f <= '9')
		sp->width = sp->width * 10 + (*f++ - '0');
	if (*f == '.') {
		f++;
		sp->prec = 0;
		if (*f == '*') {
			sp->prec = va_arg(*ap, int);
			f++;
		}
		while (*f >= '0' && *f <= '9')
			sp->prec = sp->prec * 10 + (*f++ - '0');
	}
	if (f[0] == 'h' && f[1] == 'h') { sp->len = 'H'; f += 2; }
	else if (f[0] == 'l' && f[1] == 'l') { sp->len = 'L'; f += 2; }
	else if (strchr("hlzjtL", *f) && *f) { sp->len = *f == 'L' ? 0 : *f; f++; }
	return f;
}

static void format_one(struct out *o, struct spec *sp, char conv, va_list *ap)
{
	switch (conv) {
	case 'd':
	case 'i': {
		long long v = take_signed(sp, ap);
		unsigned long long mag = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
		format_int(o, sp, conv, mag, v < 0);
		break;
	}
	case 'u': case 'o': case 'x': case 'X':
		format_int(o, sp, conv, take_unsigned(sp, ap), false);
		break;
	case 'p':
		format_int(o, sp, 'p', (uintptr_t)va_arg(*ap, void *), false);
		break;
	case 'c': {
		char c = (char)va_arg(*ap, int);
		struct spec s = *sp;
		s.prec = -1;
		emit_number(o, &s, "", &c, 1);
		break;
	}
	case 's': {
		const char *s = va_arg(*ap, const char *);
		if (!s)
			s = "(null)";
		size_t n = strlen(s);
		if (sp->prec >= 0 && (size_t)sp->prec < n)
			n = (size_t)sp->prec;
		struct spec t = *sp;
		t.prec = -1;
		t.zero = false;
		emit_number(o, &t, "", s, (int)n);
		break;
	}
	case 'f': case 'F': case 'e': case 'E': case 'g': case 'G':
		format_double(o, sp, va_arg(*ap, double));
		break;
	case '%':
		put(o, '%');
		break;
	default: /* unknown: print it as written */
		put(o, '%');
		put(o, conv);
		break;
	}
}

int vsnprintf(char *buf, size_t cap, const char *fmt, va_list ap_in)
{
	struct out o = {buf, cap, 0};
	va_list ap;
	va_copy(ap, ap_in);
	while (*fmt) {
		if (*fmt != '%') {
			put(&o, *fmt++);
			continue;
		}
		struct spec sp;
		fmt = parse_spec(fmt + 1, &sp, &ap);
		if (!*fmt)
			break;
		format_one(&o, &sp, *fmt++, &ap);
	}
	va_end(ap);
	if (cap)
		buf[o.len < cap ? o.len : cap - 1] = '\0';
	return (int)o.len;
}

int snprintf(char *buf, size_t cap, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, cap, fmt, ap);
	va_end(ap);
	return n;
}

int vprintf(const char *fmt, va_list ap)
{
	char buf[512];
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	semihost_write0(buf);
	return n;
}

int printf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}

int vfprintf(FILE *f, const char *fmt, va_list ap)
{
	if (f != stdout && f != stderr)
		return -1;
	return vprintf(fmt, ap);
}

int fprintf(FILE *f, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vfprintf(f, fmt, ap);
	va_end(ap);
	return n;
}
