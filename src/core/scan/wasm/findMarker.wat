;; Substring search over log bytes with 128-bit SIMD: the first and last byte of the needle are compared
;; 16 positions at a time, and only the positions where both match are checked byte by byte (the
;; "generic SIMD" memmem). Node's own Buffer#indexOf runs a scalar search and is several times slower
;; on logs; this is the byte-level pre-filter of the scan.
;;
;; The needle and the haystack are both in this module's memory; the caller keeps 32 bytes of slack
;; after any haystack end, so the vector loads may read past `end`.
(module
  (memory (export "memory") 1)

  (func (export "find") (param $needle i32) (param $needleLen i32) (param $start i32) (param $end i32) (result i32)
    (local $i i32) (local $last i32) (local $limit i32) (local $mask i32) (local $bit i32)
    (local $first v128) (local $lastv v128) (local $k i32) (local $pos i32)
    (local.set $last (i32.sub (local.get $needleLen) (i32.const 1)))
    (local.set $first (i8x16.splat (i32.load8_u (local.get $needle))))
    (local.set $lastv (i8x16.splat (i32.load8_u (i32.add (local.get $needle) (local.get $last)))))
    ;; the last start position at which the needle fits
    (local.set $limit (i32.sub (local.get $end) (local.get $needleLen)))
    (local.set $i (local.get $start))
    (block $done
      (loop $scan
        (br_if $done (i32.gt_s (local.get $i) (local.get $limit)))
        (local.set $mask
          (i8x16.bitmask
            (v128.and
              (i8x16.eq (v128.load (local.get $i)) (local.get $first))
              (i8x16.eq (v128.load (i32.add (local.get $i) (local.get $last))) (local.get $lastv)))))
        (block $nomatch
          (loop $bits
            (br_if $nomatch (i32.eqz (local.get $mask)))
            (local.set $bit (i32.ctz (local.get $mask)))
            (local.set $pos (i32.add (local.get $i) (local.get $bit)))
            (if (i32.gt_s (local.get $pos) (local.get $limit)) (then (return (i32.const -1))))
            ;; compare the middle bytes
            (local.set $k (i32.const 1))
            (block $differs
              (loop $cmp
                (br_if $differs (i32.ge_u (local.get $k) (local.get $last)))
                (br_if $differs
                  (i32.ne (i32.load8_u (i32.add (local.get $pos) (local.get $k))) (i32.load8_u (i32.add (local.get $needle) (local.get $k)))))
                (local.set $k (i32.add (local.get $k) (i32.const 1)))
                (br $cmp)))
            (if (i32.ge_u (local.get $k) (local.get $last)) (then (return (local.get $pos))))
            ;; clear the lowest set bit and try the next candidate
            (local.set $mask (i32.and (local.get $mask) (i32.sub (local.get $mask) (i32.const 1))))
            (br $bits)))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $scan)))
    (i32.const -1))
)
