using Aktivitetsplikt.Domain.Workflow;

namespace Aktivitetsplikt.Domain.Tests.Workflow;

/// <summary>The engine alone, on a door: open, closed, locked (with a key), and knocking that changes nothing.</summary>
public class StateMachineTests
{
    private enum Door { Open, Shut, Locked, Ajar }

    private enum Action { Close, Open, Lock, Unlock, Knock, Slam }

    private Door _state = Door.Open;
    private bool _hasKey;
    private int _mutations;

    private StateMachine<Door, Action> Machine()
    {
        var machine = new StateMachine<Door, Action>(() => _state, s => { _state = s; _mutations++; });
        machine.Configure(Door.Open)
            .Permit(Action.Close, Door.Shut)
            .InternalTransition(Action.Knock);
        machine.Configure(Door.Shut)
            .Permit(Action.Open, Door.Open)
            .PermitIf(Action.Lock, Door.Locked, () => _hasKey, "HasKey")
            .InternalTransitionIf(Action.Knock, () => !_hasKey, "NoKey");
        machine.Configure(Door.Locked)
            .PermitIf(Action.Unlock, Door.Shut, (() => _hasKey, "HasKey"), (() => _state == Door.Locked, "IsLocked"));
        return machine;
    }

    [Fact]
    public void Permit_MovesToTheDestination()
    {
        var machine = Machine();

        machine.Fire(Action.Close);

        machine.State.Should().Be(Door.Shut);
        _state.Should().Be(Door.Shut);
    }

    [Fact]
    public void PermitIf_WithGuardMet_Moves()
    {
        _state = Door.Shut;
        _hasKey = true;
        var machine = Machine();

        machine.CanFire(Action.Lock).Should().BeTrue();
        machine.Fire(Action.Lock);

        machine.State.Should().Be(Door.Locked);
    }

    [Fact]
    public void PermitIf_WithGuardUnmet_RefusesAndNamesTheGuard()
    {
        _state = Door.Shut;
        var machine = Machine();

        machine.CanFire(Action.Lock).Should().BeFalse();
        var refusal = machine.Refusal(Action.Lock);
        refusal.Should().NotBeNull();
        refusal!.NotAllowedInState.Should().BeFalse();
        refusal.UnmetGuardDescriptions.Should().Equal("HasKey");

        var fire = () => machine.Fire(Action.Lock);

        var thrown = fire.Should().Throw<InvalidTransitionException>().Which;
        thrown.UnmetGuards.Should().Equal("HasKey");
        thrown.State.Should().Be("Shut");
        thrown.Trigger.Should().Be("Lock");
        thrown.Message.Should().Be("'Lock' is refused in state 'Shut': HasKey.");
        machine.State.Should().Be(Door.Shut);
        _mutations.Should().Be(0);
    }

    [Fact]
    public void PermitIf_WithSeveralGuards_ReportsOnlyTheUnmetOnes()
    {
        _state = Door.Locked;
        var machine = Machine();

        machine.Refusal(Action.Unlock)!.UnmetGuardDescriptions.Should().Equal("HasKey");
    }

    [Fact]
    public void PermitIf_TwoGuardedAlternatives_TakesTheOneWhoseGuardHolds()
    {
        var goesOut = false;
        var machine = new StateMachine<Door, Action>(() => _state, s => _state = s);
        machine.Configure(Door.Open)
            .PermitIf(Action.Slam, Door.Locked, () => goesOut, "GoesOut")
            .PermitIf(Action.Slam, Door.Shut, () => !goesOut, "StaysIn");

        machine.Fire(Action.Slam);

        _state.Should().Be(Door.Shut);
    }

    [Fact]
    public void InternalTransition_KeepsTheStateAndDoesNotWriteIt()
    {
        var machine = Machine();

        machine.CanFire(Action.Knock).Should().BeTrue();
        machine.Fire(Action.Knock);

        machine.State.Should().Be(Door.Open);
        _mutations.Should().Be(0);
    }

    [Fact]
    public void InternalTransitionIf_WithGuardUnmet_IsRefused()
    {
        _state = Door.Shut;
        _hasKey = true;
        var machine = Machine();

        machine.Refusal(Action.Knock)!.UnmetGuardDescriptions.Should().Equal("NoKey");
        machine.Invoking(m => m.Fire(Action.Knock)).Should().Throw<InvalidTransitionException>();
    }

    [Fact]
    public void PermittedTriggers_ExcludeTriggersWhoseGuardsDoNotHold()
    {
        _state = Door.Shut;
        var machine = Machine();

        machine.PermittedTriggers.Should().BeEquivalentTo(new[] { Action.Open, Action.Knock });

        _hasKey = true;
        machine.PermittedTriggers.Should().BeEquivalentTo(new[] { Action.Open, Action.Lock });
    }

    [Fact]
    public void PermittedTriggers_InAStateWithoutConfiguration_AreEmpty()
    {
        _state = Door.Ajar;

        Machine().PermittedTriggers.Should().BeEmpty();
    }

    [Fact]
    public void CanFire_AnUnconfiguredTrigger_IsFalse()
    {
        Machine().CanFire(Action.Unlock).Should().BeFalse();
    }

    [Fact]
    public void Fire_AnUnconfiguredTrigger_ThrowsInvalidTransitionException()
    {
        var machine = Machine();

        var refusal = machine.Refusal(Action.Lock);
        refusal!.NotAllowedInState.Should().BeTrue();

        var thrown = machine.Invoking(m => m.Fire(Action.Lock)).Should().Throw<InvalidTransitionException>().Which;
        thrown.UnmetGuards.Should().BeEmpty();
        thrown.Message.Should().Be("'Lock' is not allowed in state 'Open'.");
        machine.State.Should().Be(Door.Open);
    }

    [Fact]
    public void Fire_InAStateWithoutConfiguration_ThrowsInvalidTransitionException()
    {
        _state = Door.Ajar;

        Machine().Invoking(m => m.Fire(Action.Close)).Should().Throw<InvalidTransitionException>();
    }

    [Fact]
    public void Permit_SameTriggerTwiceWithoutGuard_Throws()
    {
        var machine = new StateMachine<Door, Action>(() => _state, s => _state = s);
        var open = machine.Configure(Door.Open).Permit(Action.Close, Door.Shut);

        var again = () => open.Permit(Action.Close, Door.Locked);
        var asInternal = () => open.InternalTransition(Action.Close);

        again.Should().Throw<InvalidOperationException>().WithMessage("*Open already permits Close*");
        asInternal.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Configure_TheSameStateTwice_AddsToOneConfiguration()
    {
        var machine = new StateMachine<Door, Action>(() => _state, s => _state = s);
        machine.Configure(Door.Open).Permit(Action.Close, Door.Shut);
        machine.Configure(Door.Open).InternalTransition(Action.Knock);

        machine.PermittedTriggers.Should().BeEquivalentTo(new[] { Action.Close, Action.Knock });
    }

    [Fact]
    public void GetInfo_ListsEveryTransition_InternalOnesEndingWhereTheyStart()
    {
        var info = Machine().GetInfo();

        info.Should().HaveCount(6);
        info.Should().ContainEquivalentOf(new { Source = Door.Shut, Trigger = Action.Lock, Destination = Door.Locked, IsInternal = false, Guards = new[] { "HasKey" } });
        info.Should().ContainEquivalentOf(new { Source = Door.Open, Trigger = Action.Knock, Destination = Door.Open, IsInternal = true });
    }

    [Fact]
    public void ToMermaid_ContainsEveryTransitionWithItsGuards_AndInternalOnesAsNotes()
    {
        var mermaid = Machine().ToMermaid();

        mermaid.Should().StartWith("stateDiagram-v2\n");
        mermaid.Should().Contain("    Open --> Shut : Close\n");
        mermaid.Should().Contain("    Shut --> Open : Open\n");
        mermaid.Should().Contain("    Shut --> Locked : Lock [HasKey]\n");
        mermaid.Should().Contain("    Locked --> Shut : Unlock [HasKey, IsLocked]\n");
        mermaid.Should().Contain("    note right of Open\n        also: Knock\n    end note\n");
        mermaid.Should().NotContain("--> Open : Knock");
    }

    [Fact]
    public void ToMermaid_UsesTheGivenNames()
    {
        var mermaid = Machine().ToMermaid(s => "door_" + s, t => t.ToString().ToLowerInvariant());

        mermaid.Should().Contain("    door_Open --> door_Shut : close\n");
    }
}
