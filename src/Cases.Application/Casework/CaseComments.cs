using Cases.Application.Parties;
using Cases.Application.Privacy;
using Cases.Domain.Privacy;
using Cases.Workflows.Instances;

namespace Cases.Application.Casework;

/// <summary>A comment as the case shows it.</summary>
public sealed record CommentView(Guid Id, Guid CaseId, DateTimeOffset At, string Author, string Text)
{
    public static CommentView Of(CaseComment c) => new(c.Id, c.CaseId, c.At, c.Author, c.Text);
}

/// <summary>
/// Leaves a comment on a case of the user's city: plain text (line breaks kept), at most
/// <see cref="CaseCommentHandlers.MaxLength"/> characters. Comments are never edited or deleted, so the record stays what was said.
/// </summary>
public sealed record AddComment(Guid CaseId, string? Text, Actor By) : ICommand<CommentView>;

/// <summary>
/// A case's comments, newest first. An identity, mobile or bank card number typed into one is masked unless the actor's
/// role handles cases, and a view of one whole is recorded with the case as its purpose (规程 第一百四十条).
/// </summary>
public sealed record ListComments(Guid CaseId, Actor By) : IQuery<IReadOnlyList<CommentView>>;

public sealed class CaseCommentHandlers(CasesDb db, TimeProvider clock, IPersonalDataAccessLog accessLog) :
    ICommandHandler<AddComment, CommentView>,
    IQueryHandler<ListComments, IReadOnlyList<CommentView>>
{
    /// <summary>A comment is a note, not a document: documents are attachments.</summary>
    public const int MaxLength = 2000;

    public async ValueTask<CommentView> Handle(AddComment command, CancellationToken cancellationToken)
    {
        // Browsers send CR LF, API clients LF: kept one way, so the same comment reads the same whoever typed it.
        var text = TextInput.Required(command.Text?.ReplaceLineEndings("\n"), "text", "The comment", MaxLength, lineBreaks: true);
        var (@case, _) = await CaseAccess.LoadAsync(db, command.CaseId, command.By, track: false, cancellationToken);
        var now = clock.GetUtcNow();
        var comment = new CaseComment { Id = Guid.CreateVersion7(now), CaseId = @case.Id, At = now, Author = command.By.UserName, Text = text };
        db.CaseComments.Add(comment);
        await db.SaveChangesAsync(cancellationToken);
        // The answer is what the writer typed, masked as they would read it back: not a view of anyone else's record.
        return CommentView.Of(comment) with { Text = PersonalDataMask.Label(text, command.By.NeedsFullIdNumbers) };
    }

    public async ValueTask<IReadOnlyList<CommentView>> Handle(ListComments query, CancellationToken cancellationToken)
    {
        var (@case, _) = await CaseAccess.LoadAsync(db, query.CaseId, query.By, track: false, cancellationToken);
        var comments = await db.CaseComments.AsNoTracking().Where(c => c.CaseId == @case.Id).ToListAsync(cancellationToken);
        // Ordered here, not in SQL: a case has tens of comments, and ties of one instant then break by the (time-ordered) id alike on every provider.
        var full = query.By.NeedsFullIdNumbers;
        var found = new List<PersonalDataFound>();
        var views = comments.OrderByDescending(c => c.At).ThenByDescending(c => c.Id)
            .Select(c => CommentView.Of(c) with { Text = PersonalDataMask.Text(c.Text, full, found, "comment") }).ToList();
        await CaseDataViews.RecordAsync(accessLog, found, @case.Id, @case.CityCode, query.By, clock.GetUtcNow(), "comment", cancellationToken);
        return views;
    }
}
