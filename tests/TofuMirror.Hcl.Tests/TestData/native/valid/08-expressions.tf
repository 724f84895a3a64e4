locals {
  escapes     = "tab\there, quote \" backslash \\ newline\n unicode \u00e9 \U0001F600"
  literal     = "not interpolated: $${var.x} and %%{ if x }"
  nested      = "outer ${"inner ${var.x}"} done"
  stripped    = "a ${~ var.x ~} b"
  math        = -1 + 2 * 3 - 4 / 2 % 3
  comparisons = 1 < 2 && 2 <= 2 && 3 > 2 && 3 >= 3 && 1 == 1 && 1 != 2 || !false
  conditional = var.a == null ? "none" : var.a > 10 ? "many" : "few"
  function    = provider::terraform::encode_tfvars({ a = 1 })
  expanded    = concat([1], var.lists...)
  multiline = [
    "a",
    "b", # trailing comment
    "c",
  ]
  object_colon = { a: 1, b: 2 }
  splat_attr   = var.things.*.name
  splat_full   = var.things[*].tags["Name"]
  index_expr   = var.map[var.key]
  paren_trav   = (var.obj).field
  call_trav    = lookup(var.m, "k", {}).nested
  for_group    = { for p in var.people : p.team => p.name... if p.active }
  unicode_név  = "ünïcödé"
  big_number   = 123456789012345678901234567890
  exponent     = 6.022e23
}
/* block comment
   spanning lines */
// another comment
