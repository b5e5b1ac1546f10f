using Aktivitetsplikt.Domain.Deadlines;

namespace Aktivitetsplikt.Domain.Cases;

/// <summary>Who wrote a "si fra" message (the mobbeknapp), as they said themselves.</summary>
public enum SiFraSender
{
    Pupil,
    Parent,
    Other,
    Anonymous,
}

/// <summary>The sender's answer to "does the pupil feel safe at school?".</summary>
public enum SiFraFeelsSafe
{
    Yes,
    No,
    Unsure,
}

/// <summary>
/// What arrives through the public "si fra" page: no account, perhaps no name, never a pupil picked from a list. A pupil is
/// named (<see cref="PupilId"/>) only where the sender is known to be linked to that pupil (a guardian signed in).
/// </summary>
public sealed record SiFraMessage(
    Guid SchoolId,
    SiFraSender Sender,
    string WhatHappened,
    ConcernLocation? Location,
    DateTime? OccurredAtUtc,
    SiFraFeelsSafe FeelsSafe,
    string? SenderName = null,
    string? SenderContact = null,
    Guid? PupilId = null);

/// <summary>
/// A case that came through "si fra": who wrote (in their own words: pupil, parent, other, anonymous), their answer to
/// "does the pupil feel safe", and — only if they gave them — their name and how to reach them. Kept on the case for good.
/// </summary>
public sealed class SiFraOrigin
{
    private SiFraOrigin() { }

    internal SiFraOrigin(SiFraMessage message)
    {
        Sender = message.Sender;
        FeelsSafe = message.FeelsSafe;
        SenderName = message.Sender == SiFraSender.Anonymous ? null : Blank(message.SenderName);
        SenderContact = message.Sender == SiFraSender.Anonymous ? null : Blank(message.SenderContact);
    }

    public SiFraSender Sender { get; private set; }
    public SiFraFeelsSafe FeelsSafe { get; private set; }
    public string? SenderName { get; private set; }
    public string? SenderContact { get; private set; }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>
/// The "si fra" channel as the author of its entries. Nobody is signed in, so there is no user (the id is all zeros);
/// the channel takes a member of staff's part of the workflow table — log the concern, record the pupil's voice, notify
/// the principal, add to the case — and nothing else (ADR 016). The audit chain records the request as anonymous.
/// </summary>
public static class SiFraChannel
{
    public const string Name = "Si fra";

    public static Actor Actor { get; } = new(Guid.Empty, Name, Role.Staff);

    public static bool IsAuthor(Guid actorUserId) => actorUserId == Guid.Empty;
}

/// <summary>
/// What a guardian tells the school on the family's page: the parents' own view, and the pupil's view as the parent
/// knows it, with whether the parent says the pupil feels safe (<see cref="PupilView.Unknown"/> when not said).
/// </summary>
public sealed record FamilyViewReport(string? ParentsView, string? PupilViewAsTold, PupilView PupilFeels);
