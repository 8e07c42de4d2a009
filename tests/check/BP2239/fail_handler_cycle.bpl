// BP2239: handlers whose triggers raise the events that fire them again would run forever.
blueprint Ping {
  version "1.0.0"
}

enum Side { left, right }

entity Ball {
  id: uuid @id @generated
  side: Side = left
}

event Hit { ball: Ball }
event Returned { ball: Ball }

workflow Rally on Ball.side {
  left -> right on hit emits Returned
  right -> left on back emits Hit
}

handler volley on Hit triggers hit on ball
handler answer on Returned triggers back on ball
