// Strings in several scripts and with emoji.
blueprint Clinic {
  description "عيادة صغيرة لحجز المواعيد"
  chinese "预约挂号系统"
  japanese "診療所の予約"
  emoji "😀 🎉 👩‍⚕️"
  mixed "Café — naïve — Ω≈ç√"
}
entity E { greeting: string = "مرحبا 👋 你好" @label("名前") }
