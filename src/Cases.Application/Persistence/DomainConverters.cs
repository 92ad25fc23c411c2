using Cases.Domain.Injuries;
using Cases.Domain.Parties;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Cases.Application.Persistence;

// Value objects are stored as their plain text or number. Reading back re-validates, so a row edited by hand
// into an invalid code fails loudly instead of travelling on.
internal sealed class CreditCodeConverter() : ValueConverter<CreditCode, string>(c => c.Value, s => CreditCode.Parse(s, "creditCode"));

internal sealed class IdNumberConverter() : ValueConverter<IdNumber, string>(c => c.Value, s => IdNumber.Parse(s, "idNumber"));

internal sealed class RiskClassConverter() : ValueConverter<IndustryRiskClass, int>(c => c.Value, v => IndustryRiskClass.From(v, "riskClass"));

internal sealed class DisabilityGradeConverter() : ValueConverter<DisabilityGrade, int>(c => c.Value, v => DisabilityGrade.From(v, "disabilityGrade"));
