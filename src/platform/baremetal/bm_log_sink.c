/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vr_log_set_sink() for bare metal: formats each log line into a 256-byte
 * buffer and hands it to the sink. The formatter is our own (no stdio) and
 * lives in this file, which the linker only pulls in when the firmware (or
 * a test) calls vr_log_set_sink(); the plain vr_bm_set_log() path formats
 * nothing. Conversions: d i u x X p s c % with flags - 0 #, a width, and the
 * lengths h hh l ll z j t - a superset of what platform.h allows the core.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <vregion/baremetal.h>
#include <vregion/log_sink.h>

#define LINE_MAX_CHARS 256

struct line {
	char buf[LINE_MAX_CHARS];
	size_t len;
};

struct conv {
	bool left, zero, alt;
	unsigned int width;
	char length; /* 0, 'H' (hh), 'h', 'l', 'L' (ll), 'z', 'j', 't' */
};

static vr_log_sink_fn sink_fn;
static void *sink_arg;

static void put(struct line *l, char c)
{
	if (l->len + 1 < sizeof(l->buf))
		l->buf[l->len++] = c;
}

static void put_field(struct line *l, const struct conv *cv, const char *prefix,
		      const char *body, size_t n)
{
	size_t plen = 0;
	while (prefix[plen])
		plen++;
	size_t fill = cv->width > plen + n ? cv->width - plen - n : 0;
	if (!cv->left && !cv->zero)
		for (; fill; fill--)
			put(l, ' ');
	for (size_t i = 0; i < plen; i++)
		put(l, prefix[i]);
	if (!cv->left)
		for (; fill; fill--)
			put(l, '0');
	for (size_t i = 0; i < n; i++)
		put(l, body[i]);
	for (; fill; fill--)
		put(l, ' ');
}

static void put_number(struct line *l, const struct conv *cv, uintmax_t v, unsigned int base,
		       bool upper, const char *prefix)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	size_t n = sizeof(tmp);
	do {
		tmp[--n] = digits[v % base];
		v /= base;
	} while (v);
	put_field(l, cv, prefix, tmp + n, sizeof(tmp) - n);
}

static uintmax_t arg_unsigned(const struct conv *cv, va_list *ap)
{
	switch (cv->length) {
	case 'H': return (unsigned char)va_arg(*ap, unsigned int);
	case 'h': return (unsigned short)va_arg(*ap, unsigned int);
	case 'l': return va_arg(*ap, unsigned long);
	case 'L': return va_arg(*ap, unsigned long long);
	case 'z': return va_arg(*ap, size_t);
	case 'j': return va_arg(*ap, uintmax_t);
	case 't': return (uintmax_t)va_arg(*ap, ptrdiff_t);
	default: return va_arg(*ap, unsigned int);
	}
}

static intmax_t arg_signed(const struct conv *cv, va_list *ap)
{
	switch (cv->length) {
	case 'H': return (signed char)va_arg(*ap, int);
	case 'h': return (short)va_arg(*ap, int);
	case 'l': return va_arg(*ap, long);
	case 'L': return va_arg(*ap, long long);
	case 'z': return (intptr_t)va_arg(*ap, size_t); /* %zd is ssize_t */
	case 'j': return va_arg(*ap, intmax_t);
	case 't': return va_arg(*ap, ptrdiff_t);
	default: return va_arg(*ap, int);
	}
}

static const char *parse_conv(const char *f, struct conv *cv)
{
	*cv = (struct conv){0};
	for (;; f++) {
		if (*f == '-')
			cv->left = true;
		else if (*f == '0')
			cv->zero = true;
		else if (*f == '#')
			cv->alt = true;
		else
			break;
	}
	while (*f >= '0' && *f <= '9')
		cv->width = cv->width * 10u + (unsigned int)(*f++ - '0');
	if ((f[0] == 'h' || f[0] == 'l') && f[1] == f[0]) {
		cv->length = f[0] == 'h' ? 'H' : 'L';
		f += 2;
	} else if (*f == 'h' || *f == 'l' || *f == 'z' || *f == 'j' || *f == 't') {
		cv->length = *f++;
	}
	return f;
}

static void format_one(struct line *l, const struct conv *cv, char c, va_list *ap)
{
	switch (c) {
	case 'd':
	case 'i': {
		intmax_t v = arg_signed(cv, ap);
		uintmax_t mag = v < 0 ? (uintmax_t)0 - (uintmax_t)v : (uintmax_t)v;
		put_number(l, cv, mag, 10, false, v < 0 ? "-" : "");
		break;
	}
	case 'u':
		put_number(l, cv, arg_unsigned(cv, ap), 10, false, "");
		break;
	case 'x':
	case 'X': {
		uintmax_t v = arg_unsigned(cv, ap);
		put_number(l, cv, v, 16, c == 'X', cv->alt && v ? "0x" : "");
		break;
	}
	case 'p':
		put_number(l, cv, (uintptr_t)va_arg(*ap, void *), 16, false, "0x");
		break;
	case 's': {
		const char *s = va_arg(*ap, const char *);
		size_t n = 0;
		if (!s)
			s = "(null)";
		while (s[n])
			n++;
		struct conv text = *cv;
		text.zero = false;
		put_field(l, &text, "", s, n);
		break;
	}
	case 'c': {
		char ch = (char)va_arg(*ap, int);
		put_field(l, cv, "", &ch, 1);
		break;
	}
	default: /* %% and anything unknown is copied as written */
		if (c != '%')
			put(l, '%');
		put(l, c);
		break;
	}
}

static void format_line(struct line *l, const char *fmt, va_list ap_in)
{
	va_list ap;
	va_copy(ap, ap_in);
	l->len = 0;
	while (*fmt) {
		if (*fmt != '%') {
			put(l, *fmt++);
			continue;
		}
		struct conv cv;
		fmt = parse_conv(fmt + 1, &cv);
		if (!*fmt)
			break;
		format_one(l, &cv, *fmt++, &ap);
	}
	va_end(ap);
	l->buf[l->len] = '\0';
}

/* The vr_bm_set_log() callback while a sink is set. */
static void to_sink(enum vr_log_level level, const char *fmt, va_list ap)
{
	struct line l;
	vr_log_sink_fn fn = sink_fn;
	if (!fn)
		return;
	format_line(&l, fmt, ap);
	fn(level, l.buf, sink_arg);
}

void vr_log_set_sink(vr_log_sink_fn sink, void *arg)
{
	sink_fn = sink;
	sink_arg = arg;
	/* Every level goes to a sink; NULL brings back the default: silence. */
	vr_bm_set_log(sink ? to_sink : NULL, VR_LOG_DEBUG);
}
