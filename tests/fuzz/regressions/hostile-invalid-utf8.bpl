entity A {
  name: string @default("cafÃ© ÿş À¯ í € ô€€ â‚")
}
