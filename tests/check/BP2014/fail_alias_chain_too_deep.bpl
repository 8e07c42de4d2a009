// BP2014: a chain of 70 aliases is refused once, at the first alias past 64 levels; the
// aliases that use it say nothing more.

blueprint Shop {
  version "1.0.0"
}

type T0 = string @maxLength(3)
type T1 = T0
type T2 = T1
type T3 = T2
type T4 = T3
type T5 = T4
type T6 = T5
type T7 = T6
type T8 = T7
type T9 = T8
type T10 = T9
type T11 = T10
type T12 = T11
type T13 = T12
type T14 = T13
type T15 = T14
type T16 = T15
type T17 = T16
type T18 = T17
type T19 = T18
type T20 = T19
type T21 = T20
type T22 = T21
type T23 = T22
type T24 = T23
type T25 = T24
type T26 = T25
type T27 = T26
type T28 = T27
type T29 = T28
type T30 = T29
type T31 = T30
type T32 = T31
type T33 = T32
type T34 = T33
type T35 = T34
type T36 = T35
type T37 = T36
type T38 = T37
type T39 = T38
type T40 = T39
type T41 = T40
type T42 = T41
type T43 = T42
type T44 = T43
type T45 = T44
type T46 = T45
type T47 = T46
type T48 = T47
type T49 = T48
type T50 = T49
type T51 = T50
type T52 = T51
type T53 = T52
type T54 = T53
type T55 = T54
type T56 = T55
type T57 = T56
type T58 = T57
type T59 = T58
type T60 = T59
type T61 = T60
type T62 = T61
type T63 = T62
type T64 = T63
type T65 = T64
type T66 = T65
type T67 = T66
type T68 = T67
type T69 = T68

entity Customer {
  id: uuid @id @generated
  code: T69 = "abc"
}
