// Microapps, chat app: channels, direct conversations, threaded messages and reactions.
// Part of the microapps suite (suite.bpl imports it); it carries its own header so it can also
// be checked alone: `bpc check examples/microapps/chat.bpl`.
blueprint ChatApp {
  version "0.2.0"
  domain "productivity"
  platform web
  description "Team channels and direct messages; the chat app of the microapps suite."
  license "MIT"
  contact "platform@microapps.example"
}

import "common.bpl"

/// A channel name: lower case, digits and dashes, as in `#design-review`.
type ChannelName = string @pattern("^[a-z0-9][a-z0-9-]{0,79}$")

enum ChannelKind { team, direct, announcement }
enum ChannelState { active, archived }
enum MemberRole { owner, moderator, participant }

/// A file attached to a message; the bytes live in the suite's blob store.
struct Attachment {
  fileName: string @minLength(1) @maxLength(255)
  contentType: string @pattern("^[a-z]+/[a-z0-9.+-]+$")
  sizeBytes: int @min(0) @max(104857600)
  url: string @format(uri)
}

/// A conversation. Direct channels have exactly two members and a generated name.
entity Channel {
  id: uuid @id @generated
  name: ChannelName @unique
  topic: string? @maxLength(250)
  kind: ChannelKind = team
  state: ChannelState = active
  color: Color
  createdBy: User
  createdAt: datetime @generated
  memberships: list<Membership> @inverse(channel)
  messages: list<Message> @inverse(channel)
}

/// A user's membership of a channel.
entity Membership {
  id: uuid @id @generated
  channel: Channel @onDelete(cascade)
  user: User @onDelete(cascade)
  memberRole: MemberRole = participant
  muted: bool = false
  lastReadAt: datetime?
  joinedAt: datetime @generated
}

/// A message in a channel; a message with a `thread` is a reply in that thread.
entity Message {
  id: uuid @id @generated
  channel: Channel @onDelete(cascade)
  author: User
  body: text @minLength(1) @maxLength(8000)
  thread: Message? @onDelete(cascade)
  attachments: list<Attachment> = [] @maxLength(10)
  pinned: bool = false
  sentAt: datetime @generated
  editedAt: datetime?
  replies: list<Message> @inverse(thread)
  reactions: list<Reaction> @inverse(message)
}

entity Reaction {
  id: uuid @id @generated
  message: Message @onDelete(cascade)
  user: User @onDelete(cascade)
  emoji: string @minLength(1) @maxLength(32)
  createdAt: datetime @generated
}

/// Raised by `sendMessage`; `UserMentioned` follows for every `@handle` in the body.
event MessagePosted { message: Message, channel: Channel }
event ChannelArchived { channel: Channel }
event ChannelRestored { channel: Channel }

policy ChatAccess {
  allow Member to [read, create] on Channel, Membership, Reaction
  allow Member to read on Message when isChannelMember
  allow Member to update on Channel when isChannelModerator
  allow Member to [update, delete] on Membership when isChannelModerator
  allow Member to [update, delete] on Message when isMessageAuthor
  allow Member to delete on Reaction when isReactionAuthor
  allow Guest to read on Channel, Message, Reaction when isChannelMember
  allow Guest to create on Reaction when isChannelMember
}

workflow ChannelLifecycle on Channel.state {
  initial active
  guard isNotDirect
  active -> archived on archiveChannel by Member, Admin when isNotDirect emits ChannelArchived
  archived -> active on restoreChannel by Admin emits ChannelRestored
}

api ChatApi at "/api/chat" {
  resource Channel { list, get, create, update } with workflow ChannelLifecycle
  resource Membership
  resource Message { list, get, update, delete }
  resource Reaction { list, get, create, delete }
  /// Posts a message (or a reply, with `thread`) and raises `MessagePosted` and `UserMentioned`.
  operation sendMessage(
    channelId: uuid,
    body: text @minLength(1) @maxLength(8000),
    thread: Message?,
    attachments: list<Attachment> = [],
  ) -> Message @http(POST, "/channels/{channelId}/messages") by Member, Guest
  /// Marks the channel read up to an instant for the caller.
  operation markRead(channelId: uuid, upTo: datetime) @http(POST, "/channels/{channelId}/read")
    by Member, Guest
  /// Opens (or returns the existing) direct channel between the caller and another user.
  operation openDirectChannel(peer: User) -> Channel @http(POST, "/channels/direct") by Member
  operation searchMessages(
    query: string @minLength(2),
    channel: Channel?,
    limit: PageSize,
  ) -> list<Message> @http(GET, "/messages/search") by Member, Guest
}
