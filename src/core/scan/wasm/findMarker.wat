;; Substring search over log bytes with 128-bit SIMD: two bytes of the needle (at offsets $a and $b,
;; chosen by the caller as its rarest in JSON logs, see scanBuffer.ts) are compared 16 positions at a time,
;; and only the positions where both match are checked byte by byte (the "generic SIMD" memmem, with the
;; filter bytes picked rather than fixed at the needle's ends: a needle like `"usage"` starts and ends
;; with `"`, the commonest byte of JSON). Node's own Buffer#indexOf runs a scalar search and is several
;; times slower on logs; this is the byte-level pre-filter of the scan.
;;
;; The needle and the haystack are both in this module's memory; the caller keeps 64 bytes of slack
;; after any haystack end, so the vector loads may read past `end`.
(module
  (memory (export "memory") 1)

  (func (export "find") (param $needle i32) (param $needleLen i32) (param $start i32) (param $end i32) (param $a i32) (param $b i32) (result i32)
    (local $i i32) (local $limit i32) (local $mask i32) (local $bit i32)
    (local $av v128) (local $bv v128) (local $k i32) (local $pos i32)
    (local.set $av (i8x16.splat (i32.load8_u (i32.add (local.get $needle) (local.get $a)))))
    (local.set $bv (i8x16.splat (i32.load8_u (i32.add (local.get $needle) (local.get $b)))))
    ;; the last start position at which the needle fits
    (local.set $limit (i32.sub (local.get $end) (local.get $needleLen)))
    (local.set $i (local.get $start))
    (block $done
      (loop $scan
        (br_if $done (i32.gt_s (local.get $i) (local.get $limit)))
        (local.set $mask
          (i8x16.bitmask
            (v128.and
              (i8x16.eq (v128.load (i32.add (local.get $i) (local.get $a))) (local.get $av))
              (i8x16.eq (v128.load (i32.add (local.get $i) (local.get $b))) (local.get $bv)))))
        (block $nomatch
          (loop $bits
            (br_if $nomatch (i32.eqz (local.get $mask)))
            (local.set $bit (i32.ctz (local.get $mask)))
            (local.set $pos (i32.add (local.get $i) (local.get $bit)))
            (if (i32.gt_s (local.get $pos) (local.get $limit)) (then (return (i32.const -1))))
            ;; compare the whole needle
            (local.set $k (i32.const 0))
            (block $differs
              (loop $cmp
                (br_if $differs (i32.ge_u (local.get $k) (local.get $needleLen)))
                (br_if $differs
                  (i32.ne (i32.load8_u (i32.add (local.get $pos) (local.get $k))) (i32.load8_u (i32.add (local.get $needle) (local.get $k)))))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br $cmp)))
            (if (i32.ge_u (local.get $k) (local.get $needleLen)) (then (return (local.get $pos))))
            ;; clear the lowest set bit and try the next candidate
            (local.set $mask (i32.and (local.get $mask) (i32.sub (local.get $mask) (i32.const 1))))
            (br $bits)))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $scan)))
    (i32.const -1))
)
